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
          <NumberField
            id="warn-percentile"
            label="Amber when longer than (percent of the team’s)"
            value={colours.warnPercentile}
            min={1}
            max={99}
            check={(n) => (n > colours.alertPercentile ? `Amber must not come after red (${colours.alertPercentile} %).` : undefined)}
            onSave={(warnPercentile) => saveColours({ warnPercentile })}
          />
          <NumberField
            id="alert-percentile"
            label="Red when longer than (percent of the team’s)"
            value={colours.alertPercentile}
            min={1}
            max={99}
            check={(n) => (n < colours.warnPercentile ? `Red must not come before amber (${colours.warnPercentile} %).` : undefined)}
            onSave={(alertPercentile) => saveColours({ alertPercentile })}
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
  const saveThresholds = (patch: Partial<Settings['badgeThresholds']>) => save((current) => ({ badgeThresholds: { ...current.badgeThresholds, ...patch } }));
  return (
    <Section id="working-time" title="Working time and badges">
      <WorkingDays days={settings.workingDays} save={save} />
      <ListField id="days-off" label="Days off, one per line" hint="YYYY-MM-DD, e.g. 2026-12-25. They do not count as working time." max={366} value={settings.nonWorkingDates} check={dateProblem} onSave={(nonWorkingDates) => save({ nonWorkingDates })} />
      <fieldset class="group">
        <legend>Badge colours</legend>
        <NumberField
          id="warn-hours"
          label="Amber after (hours blocked or waiting)"
          value={thresholds.warnHours}
          min={1}
          max={24 * 365}
          check={(n) => (n > thresholds.alertHours ? `Amber must not come after red (${thresholds.alertHours} hours).` : undefined)}
          onSave={(warnHours) => saveThresholds({ warnHours })}
        />
        <NumberField
          id="alert-hours"
          label="Red after (hours blocked or waiting)"
          value={thresholds.alertHours}
          min={1}
          max={24 * 365}
          check={(n) => (n < thresholds.warnHours ? `Red must not come before amber (${thresholds.warnHours} hours).` : undefined)}
          onSave={(alertHours) => saveThresholds({ alertHours })}
        />
      </fieldset>
      <ColourMode colours={settings.badgeColours} save={save} />
    </Section>
  );
}
