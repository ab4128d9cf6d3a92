/**
 * GitHub's native issue relations. With a token, GraphQL answers what blocks an issue and when
 * each link was added or removed (`nativeBlockers`, from the batched items query). Over REST —
 * without a token, or on a host whose GraphQL lacks the dependency fields — dependencies
 * (`dependencies/blocked_by`, `dependencies/blocking`) and sub-issues (`sub_issues`) of an issue
 * are each a conditional request (a 304 costs no rate limit) whose cached answer is reused; those
 * answers are issues without the time the dependency was made, so their links carry no `at`.
 * https://docs.github.com/en/rest/issues/issue-dependencies, …/rest/issues/sub-issues,
 * https://docs.github.com/en/graphql/reference/issues#object-blockedbyaddedevent
 */
import * as v from 'valibot';
import type { FlowEvent, ItemLink } from '../../flow/model';
import { parseTime } from '../../flow/time';
import { formatKey, githubRefOfUrl, parseKey, type GithubRef } from '../../item-key';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { BLOCKERS_PAGE } from './items-query';
import { graphBlocker, graphDependencyEvent, graphEnvelope, type GraphBlocker, type GraphDependencyEvent } from './schema';

/** What we keep of one relation's answer, for the next conditional request. */
export interface Dependencies {
  etag?: string;
  links: ItemLink[];
}

/** The relations FlowLens reads, by their path under the issue. */
export type Relation = 'dependencies/blocked_by' | 'dependencies/blocking' | 'sub_issues';

const blockingIssue = v.object({ number: v.number(), title: v.string(), html_url: v.string(), state: v.string() });

/**
 * The most links FlowLens keeps of one relation of one issue. GitHub allows 50 issues per
 * relationship type (blocked by, blocking: "Dependencies on issues", GitHub changelog 2025-08-21,
 * and https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/creating-issue-dependencies),
 * and FlowLens asks for the first 50 sub-issues (of the 100 GitHub allows a parent), so an answer
 * naming more than this did not come from GitHub's rules: the rest is dropped, and a hostile host
 * cannot make one issue fan out into thousands of reads.
 */
export const MAX_LINKS_PER_RELATION = BLOCKERS_PAGE;

/**
 * The issue a dependency answer names, on the host that answered: its web URL must be an
 * `https:` page on that host, since GitHub relates issues of one host only. A URL on any other
 * host (an Enterprise Server naming github.com issues, say) names nothing and is dropped, so
 * one host's answer can never make FlowLens read, or show, another host's items.
 */
function refOn(host: string, htmlUrl: string): GithubRef | undefined {
  const ref = URL.canParse(htmlUrl) ? githubRefOfUrl(new URL(htmlUrl)) : undefined;
  return ref && ref.host === host.toLowerCase() ? { ...ref, host } : undefined;
}

/** `links` as one relation of `ref` may hold: on its host only, at most MAX_LINKS_PER_RELATION. */
function boundLinks(ref: GithubRef, links: readonly ItemLink[]): ItemLink[] {
  const host = ref.host.toLowerCase();
  const onHost = (key: string) => {
    const target = parseKey(key);
    return target?.source === 'github' && target.host === host;
  };
  return links.filter((link) => onHost(link.key)).slice(0, MAX_LINKS_PER_RELATION);
}

/** A kept answer with only the links it may hold (the same object when it holds no others). */
function kept(ref: GithubRef, previous: Dependencies): Dependencies {
  const links = boundLinks(ref, previous.links);
  return links.length === previous.links.length ? previous : { ...previous, links };
}

/** The issues related to `ref` as `relation`, or `undefined` when GitHub did not answer usefully. */
export async function fetchRelation(
  ref: GithubRef,
  relation: Relation,
  ctx: { fetch: Fetch; rest: string; headers: Record<string, string>; now: number; previous?: Dependencies; pacing?: HttpPacing },
): Promise<Dependencies | undefined> {
  const answer = await requestJson(ctx.fetch, {
    url: `${ctx.rest}/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/issues/${ref.number}/${relation}?per_page=${MAX_LINKS_PER_RELATION}`,
    headers: { ...ctx.headers, ...(ctx.previous?.etag ? { 'If-None-Match': ctx.previous.etag } : {}) },
    service: 'GitHub',
    now: ctx.now,
  }, ctx.pacing);
  if (!answer.ok) return undefined;
  // A kept answer is held to the same rules: one cached before they held is bound and cut too.
  if (answer.status === 304) return ctx.previous && kept(ref, ctx.previous);
  const parsed = v.safeParse(v.array(blockingIssue), answer.body);
  if (!parsed.success) return undefined;
  const links = parsed.output.flatMap((issue): ItemLink[] => {
    const target = refOn(ref.host, issue.html_url);
    // blocked_by: we wait on them; blocking: they wait on us; sub_issues: our children.
    const kind = relation === 'dependencies/blocking' ? 'blocked-by' : relation === 'sub_issues' ? 'child-of' : 'blocked-by';
    return target ? [{ key: formatKey(target), kind, title: issue.title, url: issue.html_url, open: issue.state === 'open' }] : [];
  });
  return { links: boundLinks(ref, links), ...(answer.etag ? { etag: answer.etag } : {}) };
}

/** The key of an issue GraphQL names, on the host the query was sent to (never one from a URL). */
function keyOn(host: string, issue: { number: number; repository: { nameWithOwner: string } }): string {
  const [owner = '', repo = ''] = issue.repository.nameWithOwner.split('/');
  return formatKey({ source: 'github', host, owner, repo, number: issue.number });
}

/** What an issue's state says about a link to it: open, or closed since when (when known). */
function stateFacts(issue: { state?: 'OPEN' | 'CLOSED' | undefined; closedAt?: string | null | undefined }): Pick<ItemLink, 'open' | 'resolvedAt'> {
  if (issue.state === undefined) return {};
  if (issue.state === 'OPEN') return { open: true };
  return { open: false, ...(issue.closedAt ? { resolvedAt: issue.closedAt } : {}) };
}

/** Each node that fits `schema`; the others are dropped, one by one. */
function valid<T extends v.GenericSchema>(schema: T, nodes: readonly unknown[]): v.InferOutput<T>[] {
  return nodes.flatMap((node) => {
    const parsed = v.safeParse(schema, node);
    return parsed.success ? [parsed.output] : [];
  });
}

/**
 * An issue's native blockers as GraphQL answered them (`Issue.blockedBy` and its
 * `BlockedByAddedEvent` / `BlockedByRemovedEvent` timeline events), on `host`:
 * - `links`: one `blocked-by` link per blocker, open or closed (since `closedAt`) as GitHub says,
 *   with `at` the time of its latest `BlockedByAddedEvent` when no removal came after it; with
 *   no such event (older than the events read) the link has no `at`: nobody said when.
 * - `events`: every add and removal as `link-added` / `link-removed`, for the past intervals.
 * Blockers and events that do not fit (no repository, an unreadable time) are dropped, and
 * blockers past MAX_LINKS_PER_RELATION too.
 */
export function nativeBlockers(host: string, blockerNodes: readonly unknown[], eventNodes: readonly unknown[]): { links: ItemLink[]; events: FlowEvent[] } {
  // Keys are made on `host` from each node's repository and number, never from its URL.
  const blockers: GraphBlocker[] = valid(graphBlocker, blockerNodes).slice(0, MAX_LINKS_PER_RELATION);
  const changes: GraphDependencyEvent[] = valid(graphDependencyEvent, eventNodes);
  const events = changes.map((change): FlowEvent => {
    const key = keyOn(host, change.blockingIssue);
    return change.__typename === 'BlockedByAddedEvent'
      ? { type: 'link-added', at: change.createdAt, link: { key, kind: 'blocked-by', ...stateFacts(change.blockingIssue) } }
      : { type: 'link-removed', at: change.createdAt, key };
  });
  const since = linkedSince(events);
  const links = blockers.map((blocker): ItemLink => {
    const key = keyOn(host, blocker);
    const at = since.get(key);
    return { key, kind: 'blocked-by', title: blocker.title, url: blocker.url, ...stateFacts(blocker), ...(at ? { at } : {}) };
  });
  return { links, events };
}

/**
 * When each link of `events` was made, for the links those events leave in place: the time of
 * the latest `link-added` of a key that no `link-removed` of it followed (a removal at the same
 * instant counts as after it). A key whose last change was a removal, or that was never added in
 * these events, has no time: nobody said when its current link was made. Shared by the GraphQL
 * (`nativeBlockers`) and REST (rest-timeline.ts) readings of GitHub's dependency events.
 */
export function linkedSince(events: readonly FlowEvent[]): Map<string, string> {
  const latest = new Map<string, { added?: number; removed?: number; addedAt?: string }>();
  for (const event of events) {
    if (event.type !== 'link-added' && event.type !== 'link-removed') continue;
    const t = parseTime(event.at);
    if (!Number.isFinite(t)) continue;
    const key = event.type === 'link-added' ? event.link.key : event.key;
    const seen = latest.get(key) ?? {};
    if (event.type === 'link-added') {
      if (seen.added === undefined || t >= seen.added) Object.assign(seen, { added: t, addedAt: event.at });
    } else if (seen.removed === undefined || t > seen.removed) {
      seen.removed = t;
    }
    latest.set(key, seen);
  }
  const since = new Map<string, string>();
  for (const [key, seen] of latest) {
    if (seen.added !== undefined && seen.addedAt !== undefined && (seen.removed === undefined || seen.added > seen.removed)) since.set(key, seen.addedAt);
  }
  return since;
}

/**
 * Which hosts' GraphQL refused the dependency fields, as the caller remembers it: the background
 * keeps one for the service worker's life and passes it to every GitHub read; a read given none
 * remembers for itself.
 */
export interface GraphDependencySupport {
  /** Whether to ask `host`'s GraphQL for native dependencies: yes, until it refused them once. */
  has(host: string): boolean;
  /** Notes that `host`'s GraphQL has no dependency fields: its issues' blockers are read over REST. */
  refused(host: string): void;
}

/** A memory of hosts without the dependency fields, empty at first. */
export function createGraphDependencySupport(): GraphDependencySupport {
  const without = new Set<string>();
  return {
    has: (host) => !without.has(host.toLowerCase()),
    refused: (host) => void without.add(host.toLowerCase()),
  };
}

/** The names our dependency fields go by in the query: the field, the event types, their item types. */
const DEPENDENCY_NAMES = /\b(?:blockedBy|BlockedByAddedEvent|BlockedByRemovedEvent|BLOCKED_BY_ADDED_EVENT|BLOCKED_BY_REMOVED_EVENT)\b/;

/**
 * Whether a GraphQL answer is a schema that lacks the dependency fields refusing the query: a
 * query that does not validate is not run at all, so the answer has errors and no `data`
 * (https://spec.graphql.org/October2021/#sec-Data), and one of the errors names a dependency
 * field or type. GitHub words it "Field 'blockedBy' doesn't exist on type 'Issue'", or "No such
 * type BlockedByAddedEvent, so it can't be a fragment condition" (as public reports of other
 * fields show: https://github.com/dlvhdr/gh-dash/issues/376,
 * https://github.com/pwntester/octo.nvim/issues/1184); the names may also be in `extensions`
 * (`code: undefinedField`, `fieldName`, `typeName`), which are read too. Any other failure is
 * not this one and is not retried.
 */
export function refusesDependencyFields(body: unknown): boolean {
  const envelope = v.safeParse(graphEnvelope, body);
  if (!envelope.success || envelope.output.data) return false;
  return (envelope.output.errors ?? []).some((error) =>
    DEPENDENCY_NAMES.test(error.message) || Object.values(error.extensions ?? {}).some((value) => typeof value === 'string' && DEPENDENCY_NAMES.test(value)));
}
