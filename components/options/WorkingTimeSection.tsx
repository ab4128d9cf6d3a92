/**
 * Working time (blocked time counts working days only) and the badge colours: amber after so
 * many hours, red after more.
 */
import { useState } from 'preact/hooks';
import type { Settings } from '../../lib/storage/settings';
import { ListField, NumberField, Section } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface WorkingTimeSectionProps {
  settings: Pick<Settings, 'workingDays' | 'nonWorkingDates' | 'badgeThresholds' | 'badgeColours'>;
  save: Save;
}

// Monday first, as most calendars show it; 0 = Sunday as in Date.getUTCDay.
const WEEK = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [0, 'Sunday'],
] as const;

/** Why `entry` is not a real `YYYY-MM-DD` date, if it is not. */
export function dateProblem(entry: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(entry);
  if (!match) return 'write days off as YYYY-MM-DD.';
  const date = new Date(`${entry}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== entry ? 'this date does not exist.' : undefined;
}

function WorkingDays({ days, save }: { days: number[]; save: Save }) {
  const [error, setError] = useState('');
  const toggle = async (day: number, on: boolean) => {
    const next = on ? [...days, day] : days.filter((d) => d !== day);
    if (next.length === 0) return setError('Keep at least one working day.');
    setError((await save({ workingDays: [...new Set(next)].sort((a, b) => a - b) })) ?? '');
  };
  return (
    <fieldset class="group" aria-describedby="working-days-error">
      <legend>Working days</legend>
      <div class="days">
        {WEEK.map(([day, name]) => (
          <label class="check" key={day}>
            <input type="checkbox" checked={days.includes(day)} onChange={(e) => void toggle(day, (e.currentTarget as HTMLInputElement).checked)} />
            {name}
          </label>
        ))}
      </div>
      <p id="working-days-error" class="error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}

/** Props of an amber and red pair: the two fields' ids, labels and values, their unit and range. */
interface AmberRedProps {
  ids: [string, string];
  labels: [string, string];
  unit: string;
  range: [number, number];
  values: [number, number];
  /** Saves the one that changed (the other is left as stored); resolves to the error to show, if any. */
  onSave: (changed: { amber: number } | { red: number }) => Promise<string | undefined>;
}

/** Amber then red, each a whole number in `range`; amber never after red. */
function AmberRed({ ids, labels, unit, range: [min, max], values: [amber, red], onSave }: AmberRedProps) {
  return (
    <>
      <NumberField id={ids[0]} label={labels[0]} value={amber} min={min} max={max} check={(n) => (n > red ? `Amber must not come after red (${red} ${unit}).` : undefined)} onSave={(n) => onSave({ amber: n })} />
      <NumberField id={ids[1]} label={labels[1]} value={red} min={min} max={max} check={(n) => (n < amber ? `Red must not come before amber (${amber} ${unit}).` : undefined)} onSave={(n) => onSave({ red: n })} />
    </>
  );
}

/**
 * Colour badges by fixed hours, or by the team's own percentiles (lib/flow/pace.ts): amber and
 * red where the item's current stretch is longer than so many percent of the team's stretches
 * of its kind. Where the team has too few finished stretches of a kind, the hours decide.
 */
function ColourMode({ colours, save }: { colours: Settings['badgeColours']; save: Save }) {
  const [error, setError] = useState('');
  const saveColours = (patch: Partial<Settings['badgeColours']>) => save((current) => ({ badgeColours: { ...current.badgeColours, ...patch } }));
  const choose = async (by: Settings['badgeColours']['by']) => setError((await saveColours({ by })) ?? '');
  return (
    <fieldset class="group" aria-describedby="colour-mode-hint colour-mode-error">
      <legend>Colour badges by</legend>
      <label class="check">
        <input type="radio" name="colour-mode" checked={colours.by === 'hours'} onChange={() => void choose('hours')} />
        Hours blocked or waiting
      </label>
      <label class="check">
        <input type="radio" name="colour-mode" checked={colours.by === 'percentile'} onChange={() => void choose('percentile')} />
        The team’s own pace: percentiles of its finished items
      </label>
      <p id="colour-mode-hint" class="hint">
        By pace, a badge turns amber when the item has been as it is now longer than that share of the team’s finished items’ stretches of the same kind (reviews, blocks, waits for the author), and red past the second share. Until the team sync has at least 10 such stretches, the hours decide.
      </p>
      {colours.by === 'percentile' ? (
        <>
          <AmberRed
            ids={['warn-percentile', 'alert-percentile']}
            labels={['Amber when longer than (percent of the team’s)', 'Red when longer than (percent of the team’s)']}
            unit="%"
            range={[1, 99]}
            values={[colours.warnPercentile, colours.alertPercentile]}
            onSave={(changed) => saveColours('amber' in changed ? { warnPercentile: changed.amber } : { alertPercentile: changed.red })}
          />
        </>
      ) : null}
      <p id="colour-mode-error" class="error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}

/** The working-time section. */
export function WorkingTimeSection({ settings, save }: WorkingTimeSectionProps) {
  const thresholds = settings.badgeThresholds;
  return (
    <Section id="working-time" title="Working time and badges">
      <WorkingDays days={settings.workingDays} save={save} />
      <ListField id="days-off" label="Days off, one per line" hint="YYYY-MM-DD, e.g. 2026-12-25. They do not count as working time." max={366} value={settings.nonWorkingDates} check={dateProblem} onSave={(nonWorkingDates) => save({ nonWorkingDates })} />
      <fieldset class="group">
        <legend>Badge colours</legend>
        <AmberRed
          ids={['warn-hours', 'alert-hours']}
          labels={['Amber after (hours blocked or waiting)', 'Red after (hours blocked or waiting)']}
          unit="hours"
          range={[1, 24 * 365]}
          values={[thresholds.warnHours, thresholds.alertHours]}
          onSave={(changed) => save((current) => ({ badgeThresholds: { ...current.badgeThresholds, ...('amber' in changed ? { warnHours: changed.amber } : { alertHours: changed.red }) } }))}
        />
      </fieldset>
      <ColourMode colours={settings.badgeColours} save={save} />
    </Section>
  );
}
