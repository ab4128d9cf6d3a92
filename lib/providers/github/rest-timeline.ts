/**
 * An issue's or pull request's history over GitHub's REST API, which answers it without a token
 * for public repositories: `GET /repos/{owner}/{repo}/issues/{issue_number}/timeline` ("This
 * endpoint can be used without authentication … if only public resources are requested",
 * https://docs.github.com/en/rest/issues/timeline).
 *
 * `restHistoryEvents` reads its elements — and those of the repository's issue events
 * (`GET /repos/{owner}/{repo}/issues/events`, the same event objects, each with its `issue`,
 * https://docs.github.com/en/rest/issues/events) and of `GET /pulls/{n}/reviews`
 * (https://docs.github.com/en/rest/pulls/reviews) — into FlowEvents. Each element is checked on
 * its own: one FlowLens does not read (comments, mentions, renames, force pushes…) is skipped,
 * and an odd one never spoils the rest. The event types and their fields are GitHub's "Issue
 * event types" (https://docs.github.com/en/rest/using-the-rest-api/issue-event-types) and its
 * REST description (`timeline-issue-events` in @octokit/openapi-types).
 *
 * `fetchRestHistory` reads the timeline with conditional requests: a 304 costs no rate limit
 * (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
 * It asks 100 events a page, the most GitHub gives (`per_page`, "max 100"); a longer history is
 * paged, and the `link` header names the next and last pages
 * (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 */
import * as v from 'valibot';
import type { EventCitation, FlowEvent, Person } from '../../flow/model';
import { formatKey, type GithubRef } from '../../item-key';
import { own } from '../../own';
import type { FlowError } from '../../flow-error';
import { requestJson, type Fetch, type HttpPacing, type RateInfo } from '../http';
import { keyUrl } from '../../safe-url';
import {
  restAssignedEvent,
  restCommitEvent,
  restDependencyEvent,
  restEventName,
  restLabelEvent,
  restReview,
  restReviewRequestEvent,
  restStateEvent,
} from './schema';
import { actorOf } from './timeline';

/** The most elements GitHub gives in one page of the timeline. */
export const TIMELINE_PAGE = 100;

const read = <T extends v.GenericSchema>(schema: T, value: unknown): v.InferOutput<T> | undefined => {
  const parsed = v.safeParse(schema, value);
  return parsed.success ? parsed.output : undefined;
};

/** A REST user or team as the GraphQL path makes them (actorOf): ids are lower-cased logins, `team:` slugs. */
function who(actor: { login?: string; slug?: string; name?: string | undefined; html_url?: string | undefined }): Person | undefined {
  return actorOf({ ...actor, ...(actor.html_url ? { url: actor.html_url } : {}) });
}

/**
 * A review's verdict. The timeline's `reviewed` elements carry it lower-case ("changes_requested"),
 * `GET /pulls/{n}/reviews` upper-case ("CHANGES_REQUESTED"), though the description gives the
 * upper-case example for both (https://github.com/github/rest-api-description/issues/6345). A
 * pending review (`PENDING`) was not given and reads as nothing.
 */
const VERDICTS: Record<string, Extract<FlowEvent, { type: 'reviewed' }>['verdict']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  COMMENTED: 'commented',
  DISMISSED: 'dismissed',
};

function reviewOf(element: unknown): FlowEvent | undefined {
  const review = read(restReview, element);
  const verdict = review ? own(VERDICTS, review.state.toUpperCase()) : undefined;
  const by = review ? who(review.user) : undefined;
  return review && verdict && by ? { type: 'reviewed', at: review.submitted_at, by, verdict } : undefined;
}

function commitOf(element: unknown): FlowEvent | undefined {
  const commit = read(restCommitEvent, element);
  return commit ? { type: 'commit', at: commit.committer.date, sha: commit.sha } : undefined;
}

const SIMPLE = { closed: 'closed', reopened: 'reopened', merged: 'merged', ready_for_review: 'ready-for-review', convert_to_draft: 'converted-to-draft' } as const;

/** One element as an event, or nothing. Keys of linked issues are made on `host`, the host asked. */
function eventOf(host: string, element: unknown): FlowEvent | undefined {
  const name = read(restEventName, element)?.event;
  switch (name) {
    case undefined:
      // Reviews of GET /pulls/{n}/reviews name no event; nor need the timeline's commits.
      return reviewOf(element) ?? commitOf(element);
    case 'labeled':
    case 'unlabeled': {
      const event = read(restLabelEvent, element);
      return event ? { type: event.event, at: event.created_at, label: event.label.name } : undefined;
    }
    case 'closed':
    case 'reopened':
    case 'merged':
    case 'ready_for_review':
    case 'convert_to_draft': {
      const event = read(restStateEvent, element);
      return event ? { type: SIMPLE[event.event], at: event.created_at } : undefined;
    }
    case 'assigned': {
      const event = read(restAssignedEvent, element);
      const to = event ? who(event.assignee) : undefined;
      return event && to ? { type: 'assigned', at: event.created_at, to } : undefined;
    }
    case 'review_requested':
    case 'review_request_removed': {
      const event = read(restReviewRequestEvent, element);
      const reviewer = event?.requested_reviewer ? who(event.requested_reviewer) : event?.requested_team ? who(event.requested_team) : undefined;
      if (!event || !reviewer) return undefined;
      return { type: event.event === 'review_requested' ? 'review-requested' : 'review-request-removed', at: event.created_at, reviewer };
    }
    case 'reviewed':
      return reviewOf(element);
    case 'committed':
      return commitOf(element);
    case 'blocked_by_added':
    case 'blocked_by_removed':
      return dependencyOf(host, element);
    default:
      return undefined;
  }
}

/**
 * A native dependency added or removed, keyed on the host asked from the blocking issue's
 * repository name and number (never from a URL in the answer), with its state when it is
 * "open" or "closed". The reference carries no closing time.
 */
function dependencyOf(host: string, element: unknown): FlowEvent | undefined {
  const event = read(restDependencyEvent, element);
  if (!event) return undefined;
  const [owner = '', repo = ''] = event.blocked_by.repository.full_name.split('/');
  const key = formatKey({ source: 'github', host, owner, repo, number: event.blocked_by.number });
  if (event.event === 'blocked_by_removed') return { type: 'link-removed', at: event.created_at, key };
  const state = event.blocked_by.state;
  return { type: 'link-added', at: event.created_at, link: { key, kind: 'blocked-by', ...(state === 'open' ? { open: true } : state === 'closed' ? { open: false } : {}) } };
}

/** What cites an element: its id (the anchor on the item's page) and who made it. */
const restCitation = v.object({ id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))), actor: v.nullish(v.object({ login: v.string(), html_url: v.optional(v.string()) })) });

/**
 * Who made an element's event (its `actor`) and where it is seen on the item's page `page`: an
 * event at `#event-<id>`, a review at `#pullrequestreview-<id>` (as GitHub's own `html_url` of a
 * review reads), anything else (a commit) the page itself.
 */
function citationOf(element: unknown, event: FlowEvent, page: string | undefined): EventCitation {
  const cited = read(restCitation, element);
  const by = cited?.actor ? who(cited.actor) : undefined;
  const anchor = cited?.id === undefined || event.type === 'commit' ? '' : `#${event.type === 'reviewed' ? 'pullrequestreview' : 'event'}-${cited.id}`;
  return { ...(by ? { by } : {}), ...(page ? { url: `${page}${anchor}` } : {}) };
}

/**
 * The REST history elements GitHub sent, as events in their order; what is not read is skipped.
 * With the item's page, `page`, each event says where it is seen there.
 */
export function restHistoryEvents(host: string, elements: readonly unknown[], page?: string): FlowEvent[] {
  return elements.flatMap((element) => {
    const event = eventOf(host, element);
    return event ? [{ ...citationOf(element, event, page), ...event }] : [];
  });
}

/** One page of the timeline as read: its ETag, its events, and what its `link` header said. */
export interface HistoryPage {
  page: number;
  etag?: string;
  events: FlowEvent[];
  /** How many elements the page held, read or not: a full page may be followed by another. */
  size: number;
  /** The `link` header named a next page. */
  next: boolean;
  /** The page the `link` header named last, when it named one. */
  last?: number;
}

/** What FlowLens keeps of an item's REST timeline, for the next conditional requests. */
export interface RestHistory {
  /** Page 1, then the newer pages read, in page order. */
  pages: HistoryPage[];
}

/** The events of every page read, oldest page first. */
export function historyEvents(history: RestHistory): FlowEvent[] {
  return history.pages.flatMap((page) => page.events);
}

/**
 * What the history leaves out, in words for the item's note, or nothing when it is whole:
 * pages after the newest read that the `link` header mentioned without naming a last page, or
 * pages between the first and the newest that were not read.
 */
export function historyGap(history: RestHistory): string | undefined {
  const read = history.pages.filter((page) => page.size > 0);
  const newest = read[read.length - 1];
  if (newest?.next) return 'Only part of this item’s long history was read (GitHub did not say how long it is): its newest events may be missing.';
  if (newest && newest.page > read.length) return 'The middle of this item’s long history was not read, only its oldest and newest events: past intervals may be incomplete.';
  return undefined;
}

/** The `page` of the next and last relations of a `link` header; its URLs are read for their page number only. */
export function linkPages(header: string | null): { next?: number; last?: number } {
  const pages: { next?: number; last?: number } = {};
  for (const part of (header ?? '').split(',')) {
    // Anchored: a link value starts with its `<URI>` (RFC 8288), and unanchored the pattern would
    // try every `<` as a start, quadratic in a header of thousands of them.
    const match = /^<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (!match || !URL.canParse(match[1]!)) continue;
    const page = Number(new URL(match[1]!).searchParams.get('page'));
    if (!Number.isInteger(page) || page < 1) continue;
    for (const rel of match[2]!.split(/\s+/)) if (rel === 'next' || rel === 'last') pages[rel] = page;
  }
  return pages;
}

/** A history read: the history (absent when nothing usable came), the last rate reading, and whether to stop. */
export interface HistoryRead {
  history?: RestHistory;
  rate: RateInfo;
  /** A rate limit or a refused token: ask nothing more in this refresh. */
  stop: boolean;
}

/** What a history read needs: the REST root and headers of the host, and the history read before. */
export interface HistoryContext {
  fetch: Fetch;
  rest: string;
  headers: Record<string, string>;
  now: number;
  previous?: RestHistory;
  pacing?: HttpPacing;
}

/**
 * The item's timeline. Page 1 with `per_page=100`; when its `link` header names a last page,
 * that page too (the pages between are not read: their events are not worth their requests
 * against the 60 an hour). Each page is asked with the ETag it had, so an unchanged page is a
 * free 304 that reuses the events read before. An unchanged page says nothing of the pages after
 * it, so after an unchanged page 1 the newest page read before is asked again (or the one after
 * it, when it was full): new events are still seen. A page that turns out not to be the last any
 * more is followed by the one its `link` header names last.
 *
 * When page 1 cannot be read (an error, or an answer that is not a list) no history is given;
 * when a newer page cannot be read, the pages read before stand in for it.
 */
export async function fetchRestHistory(ref: GithubRef, ctx: HistoryContext): Promise<HistoryRead> {
  const known = new Map((ctx.previous?.pages ?? []).map((page) => [page.page, page]));
  const earlier = (ctx.previous?.pages ?? []).filter((page) => page.page > 1);
  const result: HistoryRead = { rate: {}, stop: false };
  const ask = async (page: number): Promise<HistoryPage | undefined> => {
    const answer = await askPage(ref, page, known.get(page), ctx);
    result.rate = answer.rate;
    if (!answer.ok && (answer.error?.code === 'rate-limited' || answer.error?.code === 'unauthorized')) result.stop = true;
    return answer.ok ? answer.page : undefined;
  };
  const first = await ask(1);
  if (!first) return result;
  const unchanged = first === known.get(1);
  let pages = [first, ...(unchanged ? earlier : [])];
  const target = unchanged ? afterUnchanged(first, earlier) : first.next ? first.last : undefined;
  if (target !== undefined && target > 1 && !result.stop) {
    const tail = await ask(target);
    if (!tail) {
      pages = [first, ...earlier];
    } else {
      pages = [...pages.filter((page) => page.page < target), tail];
      const last = tail.next ? tail.last : undefined;
      const newest = last !== undefined && last > target && tail.size > 0 && !result.stop ? await ask(last) : undefined;
      if (newest) pages.push(newest);
    }
  }
  result.history = { pages };
  return result;
}

/**
 * After an unchanged page 1, the page to ask: from the newest page read before, the one its
 * link named last when it was not the last, the one after it when it was full (the history may
 * have grown onto it), or itself (beyond page 1) to see whether it changed.
 */
function afterUnchanged(first: HistoryPage, earlier: readonly HistoryPage[]): number | undefined {
  const newest = earlier[earlier.length - 1] ?? first;
  if (newest.next) return newest.last !== undefined && newest.last > newest.page ? newest.last : undefined;
  if (newest.size >= TIMELINE_PAGE) return newest.page + 1;
  return newest.page > 1 ? newest.page : undefined;
}

type PageRead = { ok: true; page: HistoryPage; rate: RateInfo } | { ok: false; rate: RateInfo; error?: FlowError };

/** One page, conditional on the ETag it had; an answer that is not a list is refused. */
async function askPage(ref: GithubRef, page: number, known: HistoryPage | undefined, ctx: HistoryContext): Promise<PageRead> {
  const path = `${ctx.rest}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/issues/${ref.number}/timeline`;
  const answer = await requestJson(ctx.fetch, {
    url: `${path}?per_page=${TIMELINE_PAGE}${page > 1 ? `&page=${page}` : ''}`,
    headers: { ...ctx.headers, ...(known?.etag ? { 'If-None-Match': known.etag } : {}) },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  if (!answer.ok) return { ok: false, rate: answer.rate, error: answer.error };
  if (answer.status === 304) return known ? { ok: true, page: known, rate: answer.rate } : { ok: false, rate: answer.rate };
  const elements = v.safeParse(v.array(v.unknown()), answer.body);
  if (!elements.success) return { ok: false, rate: answer.rate };
  const links = linkPages(answer.headers.get('link'));
  return {
    ok: true,
    rate: answer.rate,
    page: {
      page,
      ...(answer.etag ? { etag: answer.etag } : {}),
      events: restHistoryEvents(ref.host, elements.output, keyUrl(formatKey(ref))),
      size: elements.output.length,
      next: links.next !== undefined,
      ...(links.last !== undefined ? { last: links.last } : {}),
    },
  };
}
