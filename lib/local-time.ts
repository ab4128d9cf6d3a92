/**
 * Times in the browser's language and time zone, for the popup. `Date#toLocaleString` with
 * options builds an `Intl.DateTimeFormat` each time it is called, and building one costs far more
 * than using it (in Node 20, about 0.075 ms a call against 0.001 ms through one kept formatter).
 * The popup prints a few times in each of its renders: a CPU profile of its opens with 2,000 team
 * items put 6-8 ms of each open in printing them, and 1.7 ms with a formatter kept per kind
 * (4 Dec 2026). So each kind of time has one formatter, built the first time it is asked for.
 */

/** The kinds of time the popup prints. */
const KINDS = {
  /** "10:02". */
  clock: { hour: '2-digit', minute: '2-digit' },
  /** "Tue 10:02". */
  weekdayClock: { weekday: 'short', hour: '2-digit', minute: '2-digit' },
  /** "3 Nov, 10:02". */
  dateClock: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type LocalTimeKind = keyof typeof KINDS;

const formatters = new Map<LocalTimeKind, Intl.DateTimeFormat>();

/** `ms` (since the epoch) as a `kind` of local time. */
export function localTime(ms: number, kind: LocalTimeKind): string {
  let formatter = formatters.get(kind);
  if (!formatter) formatters.set(kind, (formatter = new Intl.DateTimeFormat([], KINDS[kind])));
  return formatter.format(ms);
}
