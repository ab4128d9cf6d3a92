/**
 * The domain model shared by every source: one WorkItem shape for Jira issues, GitHub pull
 * requests and GitHub issues (docs/ARCHITECTURE.md, "Domain words"). Pure data: no browser, DOM or clock.
 * Times are ISO 8601 strings, as the APIs send them, so items survive structured cloning,
 * IndexedDB and JSON unchanged.
 */

/** Where an item lives. */
export type Source = 'github' | 'jira';

/** What kind of thing an item is. */
export type ItemKind = 'pull' | 'issue' | 'jira-issue';

/** The flow state of an item now; `error` exists only on badges, never on items. */
export type FlowState = 'blocked' | 'waiting' | 'failing' | 'flowing' | 'done' | 'unknown';

/** A person as the source names them. */
export interface Person {
  /** GitHub login or Jira account id. */
  id: string;
  /** Display name or login, for sentences. */
  name: string;
  url?: string;
}

/** How an upstream item relates to the item that waits on it. */
export type LinkKind =
  | 'blocked-by' // Jira "is blocked by", GitHub native issue dependency
  | 'depends-on' // "depends on #N" written in a body
  | 'stacked-on' // PR whose base branch is another open PR's head
  | 'child-of'; // sub-issue / Jira parent

/** A link to another item; `state` is known only when the source told us. */
export interface ItemLink {
  key: string;
  kind: LinkKind;
  title?: string;
  url?: string;
  /** Whether the linked item is still open, when known. */
  open?: boolean;
  /** When the link was made, when the source records it. */
  at?: string;
  /**
   * When the source does not say when the link was made: the earliest time the link is known to
   * have existed (FlowLens first saw it, or the text that states it was last edited). A bound
   * the card names, never taken for the start itself.
   */
  seenAt?: string;
  /** The source's own words for the link (Jira "is blocked by"), matched against the settings. */
  name?: string;
  /** When the linked item was closed or resolved, when known: a blocker stops blocking then. */
  resolvedAt?: string;
}

/**
 * What cites an event: who made it and where it can be seen, when the source says. Providers set
 * `url` on every event they read (the event's anchor on the item's page where the source has one,
 * a Jira issue's history tab, else the item's page), so an event without one comes from an item
 * cached before FlowLens kept it: the card then says where it was seen is not recorded. A `url`
 * is the source's word: the view keeps it only on the item's own host (lib/safe-url.ts).
 */
export interface EventCitation {
  /** Who made the change (Jira history author, GitHub actor), when the source names them. */
  by?: Person;
  /** Where the event can be seen. */
  url?: string;
}

/**
 * One event in an item's history that matters to flow. Providers translate their own history
 * (Jira changelog, GitHub timeline) into these; the flow core reads nothing else.
 */
export type FlowEvent = EventCitation & FlowEventBody;

/** The events by kind, each with what makes it concrete (EventCitation adds who and where). */
export type FlowEventBody =
  | { type: 'created'; at: string }
  | { type: 'status'; at: string; from?: string; to: string }
  | { type: 'flagged'; at: string; reason?: string }
  | { type: 'unflagged'; at: string }
  | { type: 'labeled'; at: string; label: string }
  | { type: 'unlabeled'; at: string; label: string }
  | { type: 'link-added'; at: string; link: ItemLink }
  | { type: 'link-removed'; at: string; key: string }
  | { type: 'review-requested'; at: string; reviewer: Person }
  | { type: 'review-request-removed'; at: string; reviewer: Person }
  | { type: 'reviewed'; at: string; by: Person; verdict: 'approved' | 'changes-requested' | 'commented' | 'dismissed' }
  | { type: 'ready-for-review'; at: string }
  | { type: 'converted-to-draft'; at: string }
  | { type: 'commit'; at: string; sha: string }
  // `at` is when the run completed (when it started, while pending); `startedAt` when it started.
  | { type: 'check'; at: string; startedAt?: string; name: string; conclusion: 'success' | 'failure' | 'pending' | 'neutral' | 'skipped' | 'cancelled'; sha?: string; required?: boolean; url?: string }
  | { type: 'conflict'; at: string; conflicting: boolean }
  | { type: 'assigned'; at: string; to: Person }
  | { type: 'closed'; at: string }
  | { type: 'reopened'; at: string }
  | { type: 'merged'; at: string };

/** One check run or commit status, as it appears in a timeline. */
export type FlowCheckEvent = Extract<FlowEvent, { type: 'check' }>;

/** What the source says about an item right now (as opposed to its history). */
export interface CurrentSignals {
  /** GitHub: draft PR. */
  draft?: boolean;
  /** GitHub PR review decision. */
  reviewDecision?: 'approved' | 'changes-requested' | 'review-required' | null;
  /** Reviewers (people or teams) whose review is requested and not yet given. */
  pendingReviewers?: Person[];
  /** GitHub mergeable: `conflicting` means merge conflicts. */
  mergeable?: 'mergeable' | 'conflicting' | 'unknown';
  /** Overall check state of the head commit. */
  checks?: 'success' | 'failure' | 'pending' | 'none';
  /** Names of failing checks on the head commit. */
  failingChecks?: string[];
  /** Labels on the item now. */
  labels?: string[];
  /** Jira: status name and its category. */
  status?: string;
  statusCategory?: 'new' | 'indeterminate' | 'done';
  /** GitHub sub-issues: how many, and how many are closed. */
  subIssues?: { total: number; completed: number };
  /** Jira: Flagged = Impediment now. */
  flagged?: boolean;
}

/** A Jira issue, a GitHub pull request or a GitHub issue, in one shape. */
export interface WorkItem {
  /** Canonical key, see lib/item-key.ts. */
  key: string;
  source: Source;
  kind: ItemKind;
  title: string;
  url: string;
  /** Coarse lifecycle state from the source. */
  state: 'open' | 'closed' | 'merged';
  assignees: Person[];
  author?: Person;
  requestedReviewers: Person[];
  createdAt: string;
  /** When work started (first move to an in-progress status, PR opened ready). */
  startedAt?: string;
  /** When the item was closed, merged or resolved. */
  resolvedAt?: string;
  updatedAt?: string;
  /** Project (Jira project key) or repository (`owner/repo`), for team boundaries. */
  container: string;
  signals: CurrentSignals;
  timeline: FlowEvent[];
  upstream: ItemLink[];
  downstream: ItemLink[];
  /**
   * When FlowLens first saw the item in its current stuck state, as the item alone tells it
   * (set by the background across refreshes, lib/background/link-sightings.ts). Where no event
   * dates the state (a review required with nobody asked, a conflict GitHub reports without an
   * event), it is the latest the state can have begun: a bound, never taken for the start.
   */
  stateSeen?: { state: FlowState; at: string };
  /**
   * Items of another source this one names (Jira keys in a PR's title or branch), as the
   * source wrote them (`PAY-42`): shown beside it, never counted as blockers.
   */
  mentions?: string[];
  /** Jira sprints the issue has been in, oldest first, the current one last. */
  sprints?: string[];
}
