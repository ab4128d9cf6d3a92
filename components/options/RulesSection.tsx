/**
 * The rubric moves: each default rule on or off (grouped by rubric level, with the skill it comes
 * from), and the team's own moves as JSON, validated by the same parser the analysis uses.
 */
import { parseRuleSet } from '../../lib/flow/rule-set';
import { DEFAULT_RULES } from '../../lib/flow/rules';
import { levelName, skill, skillTag, type Level } from '../../lib/flow/rubric';
import type { Settings } from '../../lib/storage/settings';
import { CheckField, Section, TextField, type Parsed } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface RulesSectionProps {
  rules: Settings['rules'];
  save: Save;
}

const LEVELS: Level[] = ['P1', 'P2', 'P3', 'P4'];

/** "ask-reviewer" → "Ask reviewer". */
const title = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

const EXAMPLE = '[{ "id": "ping-pm", "text": "Ask the PM whether {key} can wait: blocked {days} days by {blocker}.", "skillId": "p3-adapt-volume", "when": { "states": ["blocked"], "minDays": 3 } }]';

/** Reads the custom-moves editor: a JSON list every move of which validates. */
export function parseCustomMovesText(text: string): Parsed<unknown[]> {
  if (!text.trim()) return { ok: true, value: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'Write a list of moves: [ { … }, { … } ].' };
  if (value.length > 50) return { ok: false, error: 'At most 50 custom moves.' };
  const { errors } = parseRuleSet({ custom: value });
  return errors.length ? { ok: false, error: errors.join(' ') } : { ok: true, value };
}

function LevelGroup({ level, disabled, toggle }: { level: Level; disabled: string[]; toggle: (id: string, on: boolean) => Promise<string | undefined> }) {
  const rules = DEFAULT_RULES.filter((rule) => skill(rule.skillId)?.level === level);
  if (rules.length === 0) return null;
  return (
    <fieldset class="group" data-testid={`rules-${level}`}>
      <legend>{levelName(level)}</legend>
      {rules.map((rule) => (
        <CheckField key={rule.id} id={`rule-${rule.id}`} label={title(rule.id)} hint={`${skillTag(rule.skillId, level)}: ${skill(rule.skillId)?.text ?? rule.skillId}`} checked={!disabled.includes(rule.id)} onSave={(on) => toggle(rule.id, on)} />
      ))}
    </fieldset>
  );
}

/** The rules section. */
export function RulesSection({ rules, save }: RulesSectionProps) {
  const toggle = (id: string, on: boolean) =>
    save((current) => {
      const others = current.rules.disabled.filter((d) => d !== id);
      return { rules: { ...current.rules, disabled: on ? others : [...others, id] } };
    });
  return (
    <Section id="rules" title="Rubric moves">
      <p>Each move cites a skill of the engineering rubric. Turn off the ones your team does not want to see.</p>
      {LEVELS.map((level) => (
        <LevelGroup key={level} level={level} disabled={rules.disabled} toggle={toggle} />
      ))}
      <TextField
        id="custom-moves"
        label="Your team’s own moves (JSON)"
        hint={
          <>
            A list of moves. Each has an id (lower-case, dashes), a text with placeholders {'{key} {title} {days} {owner} {blocker} {impact}'}, the rubric skillId it comes from, and when it applies (states, clusters, minDays, labels). Example: <code>{EXAMPLE}</code>
          </>
        }
        multiline
        value={rules.custom}
        format={(custom) => (custom.length ? JSON.stringify(custom, null, 2) : '')}
        parse={parseCustomMovesText}
        onSave={(custom) => save((current) => ({ rules: { ...current.rules, custom } }))}
      />
    </Section>
  );
}
