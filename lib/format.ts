/** Small, locale-free formatters shared by badges, cards and the popup. */
import { DAY, HOUR, MINUTE } from './flow/time';

/**
 * A duration, by FlowLens's one unit rule, wherever a duration is shown (badge, card, popup,
 * export): whole units, always rounded down, a space before the unit —
 *
 * - under an hour, minutes: "0 m" … "59 m";
 * - under a day, hours: "1 h" … "23 h";
 * - from a day on, days, however many: "1 d", "17 d", "120 d" (never weeks, so a badge's "17 d"
 *   and its card's "17 d" are one number in one unit).
 *
 * Rounded down, a duration never reads longer than it lasted, so "≥ 3 d" stays a true lower
 * bound. Never negative; an unreadable duration reads as none ("0 m").
 */
export function formatDuration(ms: number): string {
  const value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (value < HOUR) return `${Math.floor(value / MINUTE)} m`;
  if (value < DAY) return `${Math.floor(value / HOUR)} h`;
  return `${Math.floor(value / DAY)} d`;
}

/** A lower bound on a duration, by the same rule: "≥ 3 d" (the time lasted at least that). */
export function formatAtLeast(ms: number): string {
  return `≥ ${formatDuration(ms)}`;
}

/** What a figure counts, in words: calendar time, or the user's working time (the working-time setting). */
export function timeWords(time: 'calendar' | 'working'): string {
  return time === 'working' ? 'Counts working time: only your working days, days off left out.' : 'Counts calendar time.';
}
