/**
 * Reading times. Sources send ISO 8601 with a zone (`Z`, `+00:00`, Jira's `+0000`) or epoch
 * numbers; a time without a zone would be read in the machine's own zone, so it is refused
 * (NaN) rather than guessed, and the caller reports it.
 */

// Date and time with seconds optional and a zone required; or a plain date, which is UTC by spec.
const ZONED = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

/** Epoch ms of an ISO time or an epoch number; NaN when it cannot be read without guessing. */
export function parseTime(value: string | number | undefined | null): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string' || !ZONED.test(value.trim())) return NaN;
  return Date.parse(value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The ISO string of epoch ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
