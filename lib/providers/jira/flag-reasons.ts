/**
 * Why an issue was flagged: when someone flags an issue with a comment, Jira posts that comment
 * as "(flag) Flag added" followed by the reason. The latest comments of a flagged issue are asked
 * on an issue view (flag-comments.ts); each reason is matched to the flag event made by the same
 * person within a minute. Comments are read one by one: one FlowLens cannot read is skipped.
 */
import * as v from 'valibot';
import type { FlowEvent } from '../../flow/model';
import { isoTime, MINUTE, parseTime } from '../../flow/time';
import { ownFields } from './own-fields';

const text = v.nullish(v.string(), null);

/** A comment as Jira sends it: Cloud bodies are Atlassian Document Format, Data Center's text. */
const commentSchema = v.object({
  created: v.nullish(v.union([v.string(), v.number()]), null),
  // Who wrote it only narrows which flag it explains: an author FlowLens cannot read is left out.
  author: v.fallback(v.nullish(v.pipe(v.unknown(), v.transform(ownFields), v.object({ accountId: text, name: text })), null), null),
  body: v.unknown(),
});

/** The comments of an answer that FlowLens can read; each other one is skipped alone. */
function readComments(raw: readonly unknown[]): v.InferOutput<typeof commentSchema>[] {
  return raw.flatMap((value) => {
    const comment = v.safeParse(commentSchema, ownFields(value));
    return comment.success ? [comment.output] : [];
  });
}

const FLAG_ADDED = /^\s*\(flag\)\s*Flag added\s*/i;
const WINDOW = MINUTE;

/**
 * ADF nodes read of one comment at most: a reason is kept to 300 characters (below), and a
 * "Flag added" comment is a few paragraphs, so this is far more than one holds.
 */
const MAX_NODES = 10_000;

const adfNode = v.object({
  type: v.fallback(v.nullish(v.string(), null), null),
  text: v.fallback(v.nullish(v.string(), null), null),
  content: v.fallback(v.nullish(v.array(v.unknown()), null), null),
});

/**
 * The plain text of an ADF document or a plain string, walked without recursion (a comment nested
 * thousands deep cannot exhaust the stack); a node of another shape adds nothing.
 */
export function commentText(body: unknown): string {
  const parts: string[] = [];
  // Strings on the stack are text as it is: a plain body, or the line break between a doc's blocks.
  const stack: unknown[] = [body];
  for (let read = 0; stack.length > 0 && read < MAX_NODES; read++) {
    const next = stack.pop();
    if (typeof next === 'string') {
      parts.push(next);
      continue;
    }
    const node = v.safeParse(adfNode, ownFields(next));
    if (!node.success) continue;
    const { type, text, content } = node.output;
    if (type === 'text') parts.push(text ?? '');
    else if (type === 'emoticon') parts.push('(flag)');
    else pushChildren(stack, content ?? [], type === 'doc' ? '\n' : '');
  }
  return parts.join('');
}

/** Pushes `children` to be read in order, `between` each two. */
function pushChildren(stack: unknown[], children: readonly unknown[], between: string): void {
  for (let i = children.length - 1; i >= 0; i--) {
    stack.push(children[i]);
    if (i > 0 && between) stack.push(between);
  }
}

/** Flag events with the reason given in the matching "Flag added" comment, of the comments as Jira sent them. */
export function withFlagReasons(events: FlowEvent[], comments: readonly unknown[]): FlowEvent[] {
  const reasons = readComments(comments).flatMap((comment) => {
    const text = commentText(comment.body);
    const at = isoTime(comment.created);
    if (!at || !FLAG_ADDED.test(text)) return [];
    const reason = text.replace(FLAG_ADDED, '').trim();
    return reason ? [{ t: parseTime(at), who: comment.author?.accountId ?? comment.author?.name, reason }] : [];
  });
  if (reasons.length === 0) return events;
  return events.map((event) => {
    if (event.type !== 'flagged' || event.reason) return event;
    const t = parseTime(event.at);
    const match = reasons.find((r) => Math.abs(r.t - t) <= WINDOW && (!r.who || !event.by || r.who === event.by.id));
    return match ? { ...event, reason: match.reason.slice(0, 300) } : event;
  });
}
