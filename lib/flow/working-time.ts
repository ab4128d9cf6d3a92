/**
 * Working time between two instants: only the hours of working days count (UTC days; weekends
 * and the configured non-working dates excluded). Walks day by day, so years cost a few
 * hundred steps.
 */
import { DAY } from './time';

/** The part of the settings working time depends on. */
export interface WorkingCalendar {
  workingDays: number[];
  nonWorkingDates: string[];
}

const sets = new WeakMap<WorkingCalendar, { days: Set<number>; holidays: Set<string> }>();

/** The calendar's days as sets, built once per calendar object. */
function setsOf(calendar: WorkingCalendar) {
  let found = sets.get(calendar);
  if (!found) sets.set(calendar, (found = { days: new Set(calendar.workingDays), holidays: new Set(calendar.nonWorkingDates) }));
  return found;
}

/** Milliseconds of [start, end) that fall on working days. */
export function workingMs(start: number, end: number, calendar: WorkingCalendar): number {
  if (!(end > start)) return 0;
  const { days, holidays } = setsOf(calendar);
  let total = 0;
  for (let dayStart = Math.floor(start / DAY) * DAY; dayStart < end; dayStart += DAY) {
    // 1 Jan 1970 was a Thursday (weekday 4).
    if (!days.has((Math.floor(dayStart / DAY) + 4) % 7)) continue;
    if (holidays.size > 0 && holidays.has(new Date(dayStart).toISOString().slice(0, 10))) continue;
    total += Math.min(end, dayStart + DAY) - Math.max(start, dayStart);
  }
  return total;
}
