/** Small, locale-free formatters shared by badges, cards and the popup. */
import { DAY, HOUR, MINUTE } from './flow/time';

/** A compact duration: "45m", "5h", "3d", "6w". Never negative. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < HOUR) return `${Math.floor(value / MINUTE)}m`;
  if (value < DAY) return `${Math.floor(value / HOUR)}h`;
  if (value < 14 * DAY) return `${Math.floor(value / DAY)}d`;
  return `${Math.floor(value / (7 * DAY))}w`;
}
