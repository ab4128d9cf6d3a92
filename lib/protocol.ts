/**
 * The protocol between content scripts, extension pages and the background (docs/ARCHITECTURE.md, "Layers"), as
 * types only: what each request is, what it answers with, and how a failure travels back. The
 * schemas that validate incoming requests live in lib/messaging.ts and the client that sends
 * them in lib/client.ts; both take their types from here, so neither imports the other.
 */
import type { FlowView } from './flow-view';
import type { FlowError } from './flow-error';
import type { ItemRef } from './item-key';
import type { JiraAccessCheck, PublicStatus, TokenCheck } from './status';
import type { Finish, LookSnapshot } from './team/since-last';
import type { TeamSummaryAnswer } from './team/summary-types';
import type { SyncStatus } from './team/team-state';

/** A request to the background. lib/messaging.ts checks at compile time that its schema reads exactly these. */
export type Request =
  // Answer from the cache only, at once; `stale` lists the keys worth refreshing.
  | { type: 'flow/cached'; refs: ItemRef[] }
  // Fetch what is stale or missing (deduplicated across tabs), then answer.
  | { type: 'flow/refresh'; refs: ItemRef[] }
  // A content script found no item on a page that should hold some: the site's markup may have changed.
  | { type: 'page/markup-miss'; site: 'github' | 'jira'; page: string }
  // Opens FlowLens's options page (a set-up notice's "Fix in FlowLens settings"): content scripts cannot open it themselves.
  | { type: 'options/open' }
  // Extension pages only: status for the popup and options page.
  | { type: 'status/get' }
  | { type: 'cache/clear' }
  // Extension pages only: "test connection" for the stored GitHub token of a host.
  | { type: 'github/check-token'; host: string }
  // Extension pages only: does GitHub accept this search query, and how many items match?
  | { type: 'github/check-query'; host: string; query: string }
  // Extension pages only: does this repository exist, and may FlowLens read it (with the host's token, if any)?
  | { type: 'github/check-repo'; host: string; owner: string; repo: string }
  // Extension pages only: can FlowLens read this Jira site (token or session), and as whom?
  | { type: 'jira/check-access'; host: string }
  // Extension pages only: does the Jira site accept this JQL?
  | { type: 'jira/check-jql'; host: string; jql: string }
  // Extension pages only: the team summary from the cache, at once.
  | { type: 'team/summary' }
  // Extension pages only: sync the team's items now (or join the sync under way); answers when it ends.
  | { type: 'team/sync' }
  // Extension pages only: the popup shows `seen` now, which is kept as the last look; answers with
  // the look kept before it and, from the cache, how the items that left since ended (and those of
  // `gone`, the keys the popup asks about itself). No request leaves the browser for it.
  | { type: 'team/looked'; seen: LookSnapshot; gone?: string[] };

/** What each request answers with, when it succeeds. */
export interface ResponseData {
  'flow/cached': { views: FlowView[]; stale: string[] };
  'flow/refresh': { views: FlowView[] };
  'page/markup-miss': { recorded: boolean };
  'options/open': { opened: boolean };
  'status/get': PublicStatus;
  'cache/clear': { cleared: number };
  'github/check-token': TokenCheck;
  'github/check-query': { count: number };
  'github/check-repo': { fullName: string; private: boolean };
  'jira/check-access': JiraAccessCheck;
  'jira/check-jql': { errors: string[] };
  'team/summary': TeamSummaryAnswer;
  'team/sync': SyncStatus;
  'team/looked': { before?: LookSnapshot; finished: Record<string, Finish> };
}

/** An answer: the data, or an error the UI can show. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: FlowError };

/** The answer to request `T`. */
export type ResponseFor<T extends Request['type']> = Result<ResponseData[T]>;
