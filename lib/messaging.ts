/**
 * The background's side of the one typed protocol (docs/ARCHITECTURE.md, "Layers"; its types are lib/protocol.ts).
 * Requests and answers are plain data; every incoming request is validated with a schema,
 * requests from anything but this extension are dropped, and failures travel back as values
 * (`{ ok: false, error }`) that a badge or a page can show, never as thrown exceptions.
 */
import * as v from 'valibot';
import type { FlowError } from './flow-error';
import { JIRA_KEY, type ItemRef } from './item-key';
import type { Request, Result } from './protocol';
import { FLOW_STATES } from './flow/flow-states';

/** One label of a host name: letters, digits and inner hyphens, as browsers write it (lower-case). */
const LABEL = /^[a-z0-9-]{1,63}$/;

/** Whether `value` is a host name with an optional port, as a page's `URL.host` is. */
function isHostName(value: string): boolean {
  const [name = '', port, ...more] = value.split(':');
  if (more.length > 0 || (port !== undefined && !/^\d{1,5}$/.test(port))) return false;
  return name.split('.').every((label) => LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
}

/** Whether `value` is a Jira site: a host name, and the context path Data Center may run under (`jira.corp.example/jira`). */
function isJiraSite(value: string): boolean {
  const [host = '', ...path] = value.split('/');
  return isHostName(host) && path.every((segment) => /^[\w.~-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

const hostName = v.pipe(v.string(), v.maxLength(253), v.check(isHostName, 'a host name'));
const jiraSite = v.pipe(v.string(), v.maxLength(300), v.check(isJiraSite, 'a Jira site'));

const githubRef = v.object({
  source: v.literal('github'),
  host: hostName,
  owner: v.pipe(v.string(), v.regex(/^[a-z0-9_.-]+$/i), v.maxLength(100)),
  repo: v.pipe(v.string(), v.regex(/^[a-z0-9_.-]+$/i), v.maxLength(100)),
  number: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

const jiraRef = v.object({
  source: v.literal('jira'),
  host: jiraSite,
  issueKey: v.pipe(v.string(), v.regex(JIRA_KEY)),
});

/** At most this many items in one request: a page asks in chunks, so one message stays small. */
export const MAX_REFS_PER_REQUEST = 500;

const refs = v.pipe(v.array(v.union([githubRef, jiraRef])), v.maxLength(MAX_REFS_PER_REQUEST));

/** An item key as the team state keeps one. */
const itemKey = v.pipe(v.string(), v.minLength(1), v.maxLength(400));

/** One row of a look (lib/team/since-last.ts), within its SNAPSHOT_LIMITS; the background reads its stored look with it too. */
export const lookedItemSchema = v.object({
  key: itemKey,
  state: v.picklist(FLOW_STATES),
  blockers: v.optional(v.pipe(v.array(itemKey), v.maxLength(20))),
  title: v.pipe(v.string(), v.maxLength(200)),
  url: v.pipe(v.string(), v.maxLength(2000)),
});

/** What the popup showed (lib/team/since-last.ts, LookSnapshot): at most 1000 rows. */
export const lookSnapshotSchema = v.object({
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  items: v.pipe(v.array(lookedItemSchema), v.maxLength(1000)),
  partial: v.optional(v.literal(true)),
});

/** Schema of every request the background accepts: the requests of lib/protocol.ts, bounded. */
export const requestSchema = v.variant('type', [
  v.object({ type: v.literal('flow/cached'), refs }),
  v.object({ type: v.literal('flow/refresh'), refs }),
  v.object({ type: v.literal('page/markup-miss'), site: v.picklist(['github', 'jira']), page: v.pipe(v.string(), v.maxLength(40)) }),
  v.object({ type: v.literal('options/open') }),
  v.object({ type: v.literal('status/get') }),
  v.object({ type: v.literal('cache/clear') }),
  v.object({ type: v.literal('github/check-token'), host: hostName }),
  v.object({ type: v.literal('github/check-query'), host: hostName, query: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }),
  v.object({ type: v.literal('github/check-repo'), host: hostName, owner: githubRef.entries.owner, repo: githubRef.entries.repo }),
  v.object({ type: v.literal('jira/check-access'), host: jiraSite }),
  v.object({ type: v.literal('jira/check-jql'), host: jiraSite, jql: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)) }),
  v.object({ type: v.literal('team/summary') }),
  v.object({ type: v.literal('team/sync') }),
  v.object({ type: v.literal('team/looked'), seen: lookSnapshotSchema, gone: v.optional(v.pipe(v.array(itemKey), v.maxLength(1000))) }),
]);

/** True when `A` and `B` are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;
/** Compiles only while the schema reads exactly the protocol's requests: a request added to one and not the other fails here. */
type _SchemaIsProtocol = Holds<Same<v.InferOutput<typeof requestSchema>, Request>>;

/** Requests that only the extension's own pages may send, never a content script. */
const PAGE_ONLY: ReadonlySet<Request['type']> = new Set([
  'status/get',
  'cache/clear',
  'github/check-token',
  'github/check-query',
  'github/check-repo',
  'jira/check-access',
  'jira/check-jql',
  'team/summary',
  'team/sync',
  'team/looked',
]);

/** The minimal sender shape both Chrome and Firefox give us. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** The host of the page a content script runs in (the frame's own URL, set by the browser); undefined for anything but an https page. */
export function pageHost(sender: SenderInfo): string | undefined {
  const url = sender.url && URL.canParse(sender.url) ? new URL(sender.url) : undefined;
  return url?.protocol === 'https:' ? url.host : undefined;
}

/** The web host of a ref: a GitHub host, or a Jira site's host without its context path. */
function webHost(ref: Pick<ItemRef, 'host'>): string {
  return ref.host.split('/')[0]!;
}

const offSite: FlowError = { code: 'forbidden', message: 'A page may ask FlowLens only about items of its own site.' };

/**
 * Validates an incoming message and its sender. Returns the request, or an error value; `null`
 * means "not for us" (another extension, a web page): drop it without answering. A content
 * script asks only about items of the site it runs on (its host; a Jira site by its host, with
 * any context path): items of other hosts and sources are read by the background itself
 * (cross-source), never because a page asked.
 */
export function acceptRequest(
  message: unknown,
  sender: SenderInfo,
  self: { id: string; origin: string },
): Result<Request> | null {
  if (sender.id !== self.id) return null;
  const parsed = v.safeParse(requestSchema, message);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-request', message: `Malformed request: ${v.summarize(parsed.issues)}` } };
  }
  // Content scripts report the web page's URL; our own pages (popup, options, even in a tab) ours.
  const fromExtensionPage = isExtensionPage(sender, self);
  if (PAGE_ONLY.has(parsed.output.type) && !fromExtensionPage) {
    return { ok: false, error: { code: 'forbidden', message: 'This request is only for FlowLens pages.' } };
  }
  if ('refs' in parsed.output && !fromExtensionPage) {
    const host = pageHost(sender);
    if (!host || parsed.output.refs.some((ref) => webHost(ref) !== host)) return { ok: false, error: offSite };
  }
  return { ok: true, data: parsed.output };
}

/** Whether the sender is one of FlowLens's own pages (popup, options), by its URL. */
export function isExtensionPage(sender: SenderInfo, self: { origin: string }): boolean {
  return (sender.url ?? '').startsWith(`${self.origin}/`);
}

/** The sites the user reads beyond github.com and Jira Cloud: Enterprise Server hosts and Jira Data Center sites. */
export interface AddedSites {
  githubHosts: readonly string[];
  jiraSites: readonly string[];
}

/**
 * Whether `host` is a site of `source` FlowLens reads: github.com or an Enterprise Server host
 * the user added; a Jira Cloud site (`*.atlassian.net`) or a Data Center site the user added.
 * A content script on github.com asking about Jira items "of github.com" asks about no Jira site.
 */
export function isSiteOf(source: ItemRef['source'], host: string, sites: AddedSites): boolean {
  if (source === 'github') return host === 'github.com' || sites.githubHosts.includes(host);
  return host.endsWith('.atlassian.net') || sites.jiraSites.some((site) => webHost({ host: site }) === host);
}

/** The refusal of a content script's refs that are not of a site of their source; `undefined` when all are. */
export function refusedRefs(refs: readonly ItemRef[], sites: AddedSites): FlowError | undefined {
  return refs.every((ref) => isSiteOf(ref.source, webHost(ref), sites)) ? undefined : offSite;
}
