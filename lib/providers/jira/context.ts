/**
 * What a Jira read is given, whether it asks for keys (fetch-issues.ts) or runs a JQL search
 * (search.ts), and what it knows of the site before its first issue request.
 */
import type { Fetch, HttpPacing } from '../http';
import type { SiteFacts, SiteMeta } from './site-meta';

/** What the caller lends us. */
export interface JiraContext {
  fetch: Fetch;
  host: string;
  now: number;
  /** `Basic …` (Cloud email + API token) or `Bearer …` (Data Center PAT); absent: session cookies. */
  authorization?: string;
  /** Link descriptions that mean "is blocked by". */
  blockedByLinks: string[];
  /**
   * Where the site's facts are kept between reads (the background's, for the service worker's
   * life, over a store that outlives it); absent: this read keeps its own.
   */
  siteFacts?: SiteFacts;
  /** How requests wait and retry, and the per-host cap the caller shares (tests make the waits instant); the defaults otherwise. */
  pacing?: HttpPacing;
  /**
   * Read the issues without their histories (one request fewer on Cloud): for issues wanted only
   * for their state, as another item's upstream. They come back marked `partial`.
   */
  withoutHistory?: boolean;
}

/** Headers and cookie mode of every request to one site. */
export interface Access {
  headers: Record<string, string>;
  credentials: RequestCredentials;
}

/** Everything a read needs before its first issue request, and where what it learns of the site goes. */
export interface Site {
  access: Access;
  cloud: boolean;
  meta: SiteMeta;
  facts: SiteFacts;
}

/** Batches this small are an issue view and its side panel, which may cost a request or two more than a board's share. */
export const ISSUE_VIEW_LIMIT = 3;
