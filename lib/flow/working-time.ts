/**
 * Working time between two instants: only the hours of working days count (UTC days; weekends
 * and the configured non-working dates excluded). Walks day by day, so years cost a few
 * hundred steps.
 */

const DAY = 86_400_000;

/** The part of the settings working time depends on. */
export interface WorkingCalendar {
  workingDays: number[];
  nonWorkingDates: string[];
}

/** Milliseconds of [start, end) that fall on working days. */
export function workingMs(start: number, end: number, calendar: WorkingCalendar): number {
  if (!(end > start)) return 0;
  const days = new Set(calendar.workingDays);
  const holidays = new Set(calendar.nonWorkingDates);
  let total = 0;
  for (let dayStart = Math.floor(start / DAY) * DAY; dayStart < end; dayStart += DAY) {
    const date = new Date(dayStart);
    if (!days.has(date.getUTCDay()) || holidays.has(date.toISOString().slice(0, 10))) continue;
    total += Math.min(end, dayStart + DAY) - Math.max(start, dayStart);
  }
  return total;
}
