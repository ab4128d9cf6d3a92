/**
 * Replays an item's timeline into segments of one flow state each, and those into intervals:
 * every blocked, waiting or failing stretch with its start, its end (or open) and its causes.
 * Overlapping causes (flagged while in a Blocked status while linked to an open blocker) make one
 * interval, not three; an unflag and re-flag within the re-flag gap is one interval.
 */
import { applyEvent, causeKey, classify, emptyConditions, type Cause, type Conditions, type ReplayEvent } from './conditions';
import type { FlowSettings } from './flow-settings';
import { isStuck } from './flow-states';
import type { FlowState, WorkItem } from './model';
import { normalizeEvents } from './normalize-events';
import { replayEvents } from './replay-events';
import { iso, parseTime } from './time';
import { workingMs } from './working-time';

/** A stretch of one state. */
export interface Segment {
  state: FlowState;
  start: number;
  /** Exclusive end; `null` while it lasts. */
  end: number | null;
  causes: Cause[];
  /** The events that began it (none for the first, which begins with the item). */
  startedBy?: ReplayEvent[];
  /** The events that ended it: those that began the next. */
  endedBy?: ReplayEvent[];
}

/** A stretch in which the item did not flow. */
export interface FlowInterval {
  state: 'blocked' | 'waiting' | 'failing';
  start: string;
  /** Absent while open. */
  end?: string;
  /** Every cause seen during the interval, once each. */
  causes: Cause[];
  durationMs: number;
  /** The part of it on working days; absent when working time is turned off. */
  workingMs?: number;
  /** The events that began it, so a figure counting it can cite them. */
  startedBy?: ReplayEvent[];
  /** The events that ended it; absent while open. */
  endedBy?: ReplayEvent[];
}

/** A blocked, waiting or failing interval; `state` says which. */
export type BlockedInterval = FlowInterval;

/** The replayed history of an item. */
export interface History {
  segments: Segment[];
  intervals: FlowInterval[];
  /** The conditions after the last event. */
  conditions: Conditions;
  warnings: string[];
}

/** Replays the timeline up to `now`. */
export function replay(item: WorkItem, settings: FlowSettings, now: number): History {
  const input = replayEvents(item);
  const { events, warnings } = normalizeEvents(input.events, item.timeline.length);
  warnings.push(...input.warnings);
  const conditions = emptyConditions();
  const segments: Segment[] = [];
  const created = parseTime(item.createdAt);
  if (!Number.isFinite(created)) warnings.push('The creation date is unreadable: the history starts at the first event.');
  const origin = Number.isFinite(created) ? created : (events[0]?.t ?? now);
  let open: Segment = { state: 'flowing', start: origin, end: null, causes: [] };
  let openKey = '';
  let future = 0;
  let instant: ReplayEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const { event, t } = events[i]!;
    if (t > now) {
      future += 1;
      continue;
    }
    instant.push(event);
    if (events[i + 1]?.t === t) continue; // apply every event of one instant before judging it
    const { state, causes, triggers } = applyInstant(conditions, instant, settings);
    instant = [];
    const nextKey = causeKey(causes);
    if (state === open.state && nextKey === openKey) continue;
    const at = Math.max(t, open.start);
    if (at > open.start) segments.push({ ...open, end: at, endedBy: triggers });
    else if (segments.length === 0) triggers.unshift(...(open.startedBy ?? [])); // what began the replaced one began this one too
    open = { state, start: at, end: null, causes, startedBy: triggers };
    openKey = nextKey;
  }
  segments.push(open);
  if (future) warnings.push(`Ignored ${future} event${future > 1 ? 's' : ''} dated after now.`);
  return { segments, intervals: toIntervals(segments, settings, now), conditions, warnings };
}

/**
 * Applies the events of one instant and judges the result. `triggers` are the events that changed
 * the state or its causes: with one event, that event; with several, each one after which the
 * judgement differed from the one before it (an "assigned" beside a "labeled blocked" is not one).
 */
function applyInstant(conditions: Conditions, instant: readonly ReplayEvent[], settings: FlowSettings): { state: FlowState; causes: Cause[]; triggers: ReplayEvent[] } {
  if (instant.length === 1) {
    applyEvent(conditions, instant[0]!);
    return { ...classify(conditions, settings), triggers: [instant[0]!] };
  }
  const judge = () => {
    const judged = classify(conditions, settings);
    return { ...judged, key: `${judged.state}:${causeKey(judged.causes)}` };
  };
  let last = judge();
  const triggers: ReplayEvent[] = [];
  for (const event of instant) {
    applyEvent(conditions, event);
    const next = judge();
    if (next.key !== last.key) triggers.push(event);
    last = next;
  }
  return { state: last.state, causes: last.causes, triggers };
}

/** Runs of one non-flowing state; blocked runs split by less than the re-flag gap are joined. */
export function toIntervals(segments: Segment[], settings: FlowSettings, now: number): FlowInterval[] {
  const runs: Segment[] = [];
  for (const segment of segments) {
    const last = runs[runs.length - 1];
    if (last && last.state === segment.state) {
      last.end = segment.end;
      last.endedBy = segment.endedBy;
      last.causes = [...last.causes, ...segment.causes];
    } else {
      runs.push({ ...segment, causes: [...segment.causes] });
    }
  }
  const joined = joinReflags(runs, settings.reflagGapMs);
  return joined.filter((run) => isStuck(run.state)).map((run) => toInterval(run, settings, now));
}

function joinReflags(runs: Segment[], gap: number): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const before = out[out.length - 2];
    const between = out[out.length - 1];
    const short = between && between.state !== 'done' && between.end !== null && between.end - between.start <= gap;
    if (run.state === 'blocked' && before?.state === 'blocked' && short) {
      out.pop();
      before.end = run.end;
      before.endedBy = run.endedBy;
      before.causes = [...before.causes, ...run.causes];
    } else {
      out.push({ ...run });
    }
  }
  return out;
}

function toInterval(run: Segment, settings: FlowSettings, now: number): FlowInterval {
  const end = run.end ?? now;
  const unique = new Map(run.causes.map((cause) => [causeKey([cause]), cause]));
  return {
    state: run.state as FlowInterval['state'],
    start: iso(run.start),
    ...(run.end !== null ? { end: iso(run.end) } : {}),
    causes: [...unique.values()],
    durationMs: Math.max(0, end - run.start),
    ...(settings.workingTime ? { workingMs: workingMs(run.start, end, settings) } : {}),
    ...(run.startedBy ? { startedBy: run.startedBy } : {}),
    ...(run.end !== null && run.endedBy ? { endedBy: run.endedBy } : {}),
  };
}
