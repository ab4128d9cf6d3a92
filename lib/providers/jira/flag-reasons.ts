/**
 * Why an issue was flagged: when someone flags an issue with a comment, Jira posts that comment
 * as "(flag) Flag added" followed by the reason. The comments come with the issue (the
 * `comment` field), so this costs no request; each reason is matched to the flag event made
 * by the same person within a minute.
 */
import type { FlowEvent } from '../../flow/model';
import { jiraDate } from './changelog';

/** A comment as Jira sends it: Cloud bodies are Atlassian Document Format, Data Center's text. */
export interface JiraComment {
  created?: string | number;
  author?: { accountId?: string; name?: string } | null;
  body?: unknown;
}

const FLAG_ADDED = /^\s*\(flag\)\s*Flag added\s*/i;
const WINDOW = 60_000;

/** The plain text of an ADF document or a plain string. */
export function commentText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return '';
  const node = body as { type?: string; text?: string; content?: unknown[] };
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'emoticon') return '(flag)';
  const parts = (node.content ?? []).map(commentText);
  return parts.join(node.type === 'doc' ? '\n' : '');
}

/** Flag events with the reason given in the matching "Flag added" comment. */
export function withFlagReasons(events: FlowEvent[], comments: readonly JiraComment[]): FlowEvent[] {
  const reasons = comments.flatMap((comment) => {
    const text = commentText(comment.body);
    const at = jiraDate(comment.created);
    if (!at || !FLAG_ADDED.test(text)) return [];
    const reason = text.replace(FLAG_ADDED, '').trim();
    return reason ? [{ t: Date.parse(at), who: comment.author?.accountId ?? comment.author?.name, reason }] : [];
  });
  if (reasons.length === 0) return events;
  return events.map((event) => {
    if (event.type !== 'flagged' || event.reason) return event;
    const t = Date.parse(event.at);
    const match = reasons.find((r) => Math.abs(r.t - t) <= WINDOW && (!r.who || !event.by || r.who === event.by.id));
    return match ? { ...event, reason: match.reason.slice(0, 300) } : event;
  });
}
