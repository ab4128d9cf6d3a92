/** The cause of an item's state in plain words, for the badge's label and the card. */
import type { Cause } from './conditions';
import type { Drift } from './drift';
import type { FlowState, Person } from './model';
import { parseTime } from './time';

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 10 Nov", in UTC so the same data reads the same everywhere. */
export function shortDate(iso: string): string {
  const date = new Date(parseTime(iso));
  return `${WEEKDAY[date.getUTCDay()]} ${date.getUTCDate()} ${MONTH[date.getUTCMonth()]}`;
}

/** "@alice", or "the payments team" for a team reviewer (`team:` ids). */
export function handle(person: Person): string {
  return person.id.startsWith('team:') ? `the ${person.name} team` : `@${person.name}`;
}

/** Words as a sentence or a heading starts with them: "flow state unknown" → "Flow state unknown". */
export function sentenceStart(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listOf(words: readonly string[]): string {
  return words.length <= 2 ? words.join(' and ') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The words for a cause the item's own marks give (a flag, a status, a label); undefined for others. */
export function markPhrase(cause: Cause): string | undefined {
  switch (cause.kind) {
    case 'flagged':
      return cause.detail ? `flagged: “${cause.detail}”` : 'flagged as an impediment';
    case 'blocked-status':
      return `in status ${cause.detail}`;
    case 'blocking-label':
      return `labelled “${cause.detail}”`;
    default:
      return undefined;
  }
}

function phrase(cause: Cause, describe: (key: string) => string): string {
  switch (cause.kind) {
    case 'flagged':
    case 'blocked-status':
    case 'blocking-label':
      return markPhrase(cause)!;
    case 'blocked-by':
      // An upstream item FlowLens could not read still blocks, and the words say it is unverified.
      return `blocked by ${describe(cause.link?.key ?? '')}${cause.link && cause.link.open === undefined ? ' (unverified)' : ''}`;
    case 'waiting-status':
      return `waiting in ${cause.detail}`;
    case 'review-pending':
      return `review from ${cause.who ? handle(cause.who) : 'a reviewer'}`;
    case 'review-required':
      return 'an approving review, with no reviewer asked';
    case 'changes-requested':
      return `changes requested by ${cause.who ? handle(cause.who) : 'a reviewer'}`;
    case 'checks-failing':
      return `check “${cause.detail}” failing`;
    case 'conflict':
      return 'merge conflicts';
  }
}

/** The cause in plain words, e.g. "Waiting for review from @alice since Tue 10 Nov.". */
export function causeText(state: FlowState, causes: Cause[], since: string | undefined, describe: (key: string) => string): string {
  const when = since ? ` since ${shortDate(since)}` : '';
  const joined = listOf(causes.map((cause) => phrase(cause, describe)));
  switch (state) {
    case 'blocked':
      return `Blocked${when}: ${joined}.`;
    case 'waiting':
      return `Waiting for ${joined.replace(/^waiting in /, '')}${when}.`;
    case 'failing':
      return `Needs the author${when}: ${joined}.`;
    case 'flowing':
      return `Moving${when}.`;
    case 'done':
      return `Done${when}.`;
    case 'unknown':
      return 'Not enough data to tell whether this item is blocked.';
  }
}

/** A marker left in place, as the drift's words name it: "the flag", "the status Blocked", "the label “blocked”". */
export function markerName(cause: Cause): string {
  if (cause.kind === 'flagged') return 'the flag';
  if (cause.kind === 'blocked-status') return `the status ${cause.detail}`;
  return `the label “${cause.detail}”`;
}

/** " Thu 12 Nov", or nothing when the time is not known. */
function onDay(at: string | undefined): string {
  return at && Number.isFinite(parseTime(at)) ? ` ${shortDate(at)}` : '';
}

/**
 * A drift in a sentence, the same from either side of a pair: "octo-org/api#12 was merged Thu 12
 * Nov; PAY-7 is still In Progress.", "PAY-6 was done Thu 12 Nov; the flag was never cleared.".
 */
export function driftText(drift: Drift, describe: (key: string) => string): string {
  switch (drift.kind) {
    case 'merged-not-done':
      return `${describe(drift.pull)} was merged${onDay(drift.at)}; ${describe(drift.ticket)} is still ${drift.status ? `in ${drift.status}` : 'not done'}.`;
    case 'done-still-open':
      return `${describe(drift.ticket)} was done${onDay(drift.at)}; ${describe(drift.pull)} is still open.`;
    case 'stale-marker': {
      const [first, ...rest] = drift.blockers.map(describe);
      const done = rest.length === 0 ? `${first} was done${onDay(drift.at)}` : `${listOf([first!, ...rest])} were done, the last${onDay(drift.at) || ' of them'}`;
      return `${done}; ${markerName(drift.marker)} was never cleared.`;
    }
    case 'no-ticket':
      return `Names no Jira ticket, where ${drift.named} of the last ${drift.sample} pull requests of its repository did.`;
  }
}

/** A drift in a few words, for the card's head and a one-line row: "PAY-7 done, octo-org/api#12 still open". */
export function driftShort(drift: Drift, name: (key: string) => string): string {
  switch (drift.kind) {
    case 'merged-not-done':
      return `${name(drift.pull)} merged, ${name(drift.ticket)} not done`;
    case 'done-still-open':
      return `${name(drift.ticket)} done, ${name(drift.pull)} still open`;
    case 'stale-marker':
      return `${markerName(drift.marker).replace(/^the /, '')} left after ${listOf(drift.blockers.map(name))} ${drift.blockers.length > 1 ? 'were' : 'was'} done`;
    case 'no-ticket':
      return 'names no Jira ticket';
  }
}
