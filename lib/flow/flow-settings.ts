/**
 * What the flow core needs to know about a team's conventions: which statuses, labels and link
 * names mean blocked or waiting, the re-flag gap, working days, the team's own projects. Validated:
 * bad fields fall back to their defaults, never throw.
 */
import * as v from 'valibot';
import { DAY, MINUTE } from './time';

const names = (fallback: string[]) => v.fallback(v.array(v.pipe(v.string(), v.trim(), v.minLength(1))), fallback);

/** Schema of the flow settings. */
export const flowSettingsSchema = v.object({
  /** Jira statuses that mean blocked (case-insensitive). */
  blockedStatuses: names(['Blocked', 'On Hold', 'Waiting for support', 'Impeded']),
  /** Jira statuses that mean waiting in a queue (ready but not picked up, awaiting review). */
  waitingStatuses: names(['Ready', 'Ready for Development', 'Selected for Development', 'In Review', 'Code Review', 'Ready for Review', 'Awaiting Review', 'Ready for QA']),
  /** GitHub labels that mean blocked (case-insensitive). */
  blockingLabels: names(['blocked', 'status: blocked', 'on hold']),
  /** Link names that mean "waits on" (case-insensitive); links without a name count by kind. */
  blockedByLinks: names(['is blocked by', 'depends on', 'is blocked', 'blocked by']),
  /** An unflag followed by a re-flag within this many ms is one interval. */
  reflagGapMs: v.fallback(v.pipe(v.number(), v.minValue(0)), 30 * MINUTE),
  /** Also count blocked time in working time (weekends and non-working dates left out). */
  workingTime: v.fallback(v.boolean(), true),
  /** Working weekdays, 0 = Sunday. */
  workingDays: v.fallback(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))), [1, 2, 3, 4, 5]),
  /** Extra non-working dates, `YYYY-MM-DD` (UTC). */
  nonWorkingDates: v.fallback(v.array(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))), []),
  /** Projects / repositories of the team (`PAY`, `octo-org/api`); blockers elsewhere are external. */
  teamContainers: names([]),
  /** Blocked or waiting longer than this (ms) counts as "long" for moves. */
  longWaitMs: v.fallback(v.pipe(v.number(), v.minValue(0)), 2 * DAY),
  /** A chain of at least this many open blockers is a long chain. */
  longChain: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(2)), 3),
  /** An item holding up at least this many others is a systemic bottleneck. */
  bottleneckImpact: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(2)), 3),
});

/** The team's flow conventions. */
export type FlowSettings = v.InferOutput<typeof flowSettingsSchema>;

/** The defaults. */
export const defaultFlowSettings: FlowSettings = v.parse(flowSettingsSchema, {});

/** Validates anything into flow settings, keeping valid fields. */
export function parseFlowSettings(input: unknown): FlowSettings {
  try {
    return v.parse(flowSettingsSchema, typeof input === 'object' && input !== null ? input : {});
  } catch {
    // Only input that throws when read gets here (every field has a fallback): use the defaults.
    return v.parse(flowSettingsSchema, {});
  }
}
