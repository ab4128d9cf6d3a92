/**
 * "Pace" on the card: how long the item has been as it is now against the team's own history
 * (lib/flow/pace.ts, lib/flow-view.ts `PaceView`): "In review 3 d, longer than 85% of this team's
 * reviews", its age against the team's cycle times, and what the yardstick was computed from.
 * Without a team yardstick the card says so rather than show no pace at all.
 */
import type { FlowView, PaceView } from '../lib/flow-view';
import { PACE_MIN_SAMPLE, PACE_WORDS, standingWords } from '../lib/flow/pace';
import { sentenceStart, shortDate } from '../lib/flow/cause-text';
import { formatDuration } from '../lib/format';

/** Said when no team yardstick is kept: nothing to compare with. */
export const PACE_UNKNOWN = 'not known: FlowLens compares with the items your team finished, and none are synced yet (set the team’s sources in FlowLens’s options)';

/** "In review 3 d, longer than 85% of this team's reviews in the last 90 days", or why it cannot be compared. */
export function stretchPaceText(pace: PaceView): string | undefined {
  const stretch = pace.stretch;
  if (!stretch) return undefined;
  const words = PACE_WORDS[stretch.kind];
  const now = `${sentenceStart(words.now)} ${formatDuration(stretch.ms)}`;
  if (!stretch.standing) return `${now}; too few of this team’s ${words.many} to compare with yet (${PACE_MIN_SAMPLE} needed)`;
  return `${now}, ${standingWords(stretch.standing)} this team’s ${words.many} in the last ${pace.windowDays} days`;
}

/** "Open 17 d, longer than 60% of this team's cycle times" (a finished item: its cycle time). */
export function agePaceText(pace: PaceView, done: boolean): string | undefined {
  const age = pace.age;
  if (!age) return undefined;
  const now = `${done ? 'Cycle time' : 'Open'} ${formatDuration(age.ms)}`;
  if (!age.standing) return `${now}; too few of this team’s cycle times to compare with yet (${PACE_MIN_SAMPLE} needed)`;
  return `${now}, ${standingWords(age.standing)} this team’s cycle times in the last ${pace.windowDays} days`;
}

/** What the comparison was computed from: "From 43 items this team finished in the last 90 days (synced Tue 1 Dec 10:02 UTC); calendar time." */
export function paceSourceText(pace: PaceView): string {
  const synced = pace.at !== undefined ? ` (synced ${stamp(pace.at)})` : '';
  const stretches = pace.stretch?.standing ? `, ${pace.stretch.standing.sample} ${PACE_WORDS[pace.stretch.kind].many} among them` : '';
  return `From ${pace.items} item${pace.items === 1 ? '' : 's'} this team finished in the last ${pace.windowDays} days${stretches}${synced}; calendar time, as the badge counts it.`;
}

function stamp(at: number): string {
  const iso = new Date(at).toISOString();
  return `${shortDate(iso)} ${iso.slice(11, 16)} UTC`;
}

/** The card's pace fact: each comparison on a line of its own, then its source. */
export function Pace({ view }: { view: Pick<FlowView, 'pace' | 'state'> }) {
  const pace = view.pace;
  if (!pace) {
    return (
      <div class="pace" data-testid="flowlens-pace">
        <dt>Pace</dt>
        <dd>{PACE_UNKNOWN}</dd>
      </div>
    );
  }
  const lines = [stretchPaceText(pace), agePaceText(pace, view.state === 'done')].filter((line): line is string => line !== undefined);
  return (
    <div class="pace" data-testid="flowlens-pace">
      <dt>Pace</dt>
      {lines.map((line) => (
        <dd key={line}>{line}.</dd>
      ))}
      <dd class="pace-source">{paceSourceText(pace)}</dd>
    </div>
  );
}
