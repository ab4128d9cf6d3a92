/**
 * Time, in one place: the units every layer measures durations in (milliseconds), and reading
 * times. Sources send ISO 8601 with a zone (`Z`, `+00:00`, Jira's `+0000`) or epoch numbers; a
 * time without a zone would be read in the machine's own zone, so it is refused (NaN) rather
 * than guessed, and the caller reports it.
 */

/** A minute in milliseconds. */
export const MINUTE = 60_000;
/** An hour in milliseconds. */
export const HOUR = 60 * MINUTE;
/** A day of 24 hours in milliseconds (a UTC day: FlowLens counts no daylight-saving shifts). */
export const DAY = 24 * HOUR;

// Date and time with seconds optional and a zone required; or a plain date, which is UTC by spec.
const ZONED = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

/**
 * Epoch numbers below this are seconds, not milliseconds: in milliseconds they would fall before
 * 3 March 1973, before Jira existed; in seconds they reach to the year 5138. Atlassian's own
 * example of the changelog bulk fetch gives `created: 1492070429` (13 April 2017, in seconds).
 */
const EPOCH_SECONDS_BELOW = 1e11;

/**
 * Epoch ms of a time as GitHub and Jira send it: ISO 8601 with a zone (`Z`, `+05:30`, Jira's
 * `+0000`), a plain date (UTC), or an epoch number in milliseconds or seconds. NaN for anything
 * else, a time without a zone among them: it cannot be read without guessing.
 */
export function parseTime(value: string | number | undefined | null): number {
  if (typeof value === 'number') return Number.isFinite(value) ? (Math.abs(value) < EPOCH_SECONDS_BELOW ? value * 1000 : value) : NaN;
  if (typeof value !== 'string') return NaN;
  // The common case, toISOString's own form (`2026-11-02T09:00:00.000Z`), needs no checking.
  if (value.length === 24 && value.charCodeAt(10) === 84 && value.charCodeAt(23) === 90) return Date.parse(value);
  if (!ZONED.test(value)) return NaN;
  // `+0000` → `+00:00`: the only offset form every engine's Date.parse is required to read.
  const sign = value.charAt(value.length - 5);
  const compact = value.length > 10 && (sign === '+' || sign === '-');
  return Date.parse(compact ? `${value.slice(0, -2)}:${value.slice(-2)}` : value);
}

// HTTP's three date forms (RFC 9110, section 5.6.7): IMF-fixdate, and the obsolete RFC 850 and
// asctime forms a recipient must still read. All are GMT; asctime says so by omission.
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4,} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4,}$/;

/** Epoch ms of an HTTP date (a `Retry-After` header's); NaN for anything else. */
export function httpDate(value: string): number {
  if (IMF_FIXDATE.test(value) || RFC_850.test(value)) return Date.parse(value);
  return ASCTIME.test(value) ? Date.parse(`${value} GMT`) : NaN;
}

/** The ISO string of a time `parseTime` reads; `undefined` when it cannot. */
export function isoTime(value: string | number | undefined | null): string | undefined {
  const ms = parseTime(value);
  return Number.isFinite(ms) ? iso(ms) : undefined;
}

/** The ISO string of epoch ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
