/**
 * The sprints of an issue, from the site's Sprint field (a custom field found by its type,
 * `com.pyxis.greenhopper.jira:gh-sprint`). Cloud sends objects with `name`, `state` and dates;
 * older Data Center versions send each sprint as a Java `toString()`:
 * `com.atlassian.greenhopper.service.sprint.Sprint@1f3c[id=1,rapidViewId=3,state=CLOSED,name=Sprint 7,…]`.
 * Both are read; names come out in order, the current (open) sprint last.
 */
import * as v from 'valibot';
import { parseTime } from '../../flow/time';

interface Sprint {
  name: string;
  id?: number;
  state?: string;
  startDate?: string;
}

const sprintObject = v.object({
  name: v.string(),
  id: v.optional(v.number()),
  state: v.optional(v.string()),
  startDate: v.nullish(v.string()),
});

/**
 * What lies between the first `[` and a `]` that only white space follows, as
 * `/\[(.*)\]\s*$/s` would match it, found in linear time: that regex tries every `[` as a start
 * and runs to the end from each, so 20,000 of them cost hundreds of milliseconds.
 */
export function insideBrackets(text: string): string | undefined {
  // `trimEnd` drops what `\s` matches: the same white space and line terminators.
  const close = text.trimEnd().length - 1;
  if (text[close] !== ']') return undefined;
  const open = text.indexOf('[');
  return open >= 0 && open < close ? text.slice(open + 1, close) : undefined;
}

/** `key=value` pairs inside the brackets of a Data Center sprint string. */
function parseSprintString(text: string): Sprint | undefined {
  const inside = insideBrackets(text);
  if (inside === undefined) return undefined;
  // Split only before `key=`, so a comma inside a sprint name stays in the name.
  const pairs = inside.split(/,(?=[A-Za-z]+=)/).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)] as const;
  });
  const fields = new Map(pairs);
  const name = fields.get('name');
  if (!name) return undefined;
  const id = Number(fields.get('id'));
  const startDate = fields.get('startDate');
  return {
    name,
    ...(Number.isFinite(id) ? { id } : {}),
    ...(fields.get('state') ? { state: fields.get('state')! } : {}),
    ...(startDate && startDate !== '<null>' ? { startDate } : {}),
  };
}

function readSprint(value: unknown): Sprint | undefined {
  if (typeof value === 'string') return parseSprintString(value);
  const parsed = v.safeParse(sprintObject, value);
  if (!parsed.success) return undefined;
  const { name, id, state, startDate } = parsed.output;
  return { name, ...(id !== undefined ? { id } : {}), ...(state ? { state } : {}), ...(startDate ? { startDate } : {}) };
}

/** Closed sprints first, by start then id; the open (active or future) one last. */
function byOrder(a: Sprint, b: Sprint): number {
  const open = (s: Sprint) => (s.state?.toLowerCase() === 'closed' ? 0 : 1);
  const start = (s: Sprint) => parseTime(s.startDate);
  const byStart = Number.isFinite(start(a)) && Number.isFinite(start(b)) ? start(a) - start(b) : 0;
  return open(a) - open(b) || byStart || (a.id ?? 0) - (b.id ?? 0);
}

/** Sprint names of a Sprint field value, in order with the current one last; [] when none. */
export function sprintNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const sprints = value.map(readSprint).filter((s): s is Sprint => s !== undefined);
  return sprints.sort(byOrder).map((s) => s.name);
}
