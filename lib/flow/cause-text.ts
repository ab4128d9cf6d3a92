/** The cause of an item's state in plain words, for the badge's label and the card. */
import type { Cause } from './conditions';
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
