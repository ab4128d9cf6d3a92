/** What the popup and options page may know about the background: never a secret. */
export interface PublicStatus {
  /** Where the cache lives; `memory` when IndexedDB could not open (e.g. Firefox private mode). */
  cacheBackend: 'indexeddb' | 'memory';
  /** Why the cache fell back to memory, for the options page. */
  cacheProblem?: string;
  cachedItems: number;
  /** GitHub hosts that have a token, without the token. */
  githubHostsWithToken: string[];
  /** When GitHub's rate limit lets us ask again, if it stopped us. */
  githubRateLimitedUntil?: number;
  /** Per GitHub host, what its last GraphQL batch cost in points and what was left, as GitHub reported. */
  githubPoints?: GithubPoints[];
  /** The last fetch error, to show on the options page. */
  lastError?: { message: string; at: number };
  /** Pages that should have held items where FlowLens found none (markup changed?), per site. */
  markupMisses: MarkupMiss[];
}

/** GitHub's own figures for a host's last GraphQL batch (`rateLimit { cost remaining resetAt }`). */
export interface GithubPoints {
  host: string;
  cost: number;
  remaining: number;
  /** When the hourly points reset (epoch ms), when GitHub said. */
  resetAt?: number;
  /** When the batch was answered (epoch ms). */
  at: number;
}

/** Pages of a site where FlowLens found no item although the page had some. */
export interface MarkupMiss {
  site: 'github' | 'jira';
  count: number;
  lastAt: number;
  /** The page kind of the last one, e.g. `pullRequest` or `issue view`. */
  lastPage: string;
}

/** What a GitHub token is, as GitHub says (never the token itself). */
export interface TokenCheck {
  login: string;
  kind: 'classic' | 'fine-grained' | 'other';
  /** ISO time the token expires, when it does. */
  expiresAt?: string;
  /** Classic tokens only. */
  scopes?: string[];
  /** Sentences about access the token lacks. */
  warnings: string[];
}

/** Who Jira says the user is on a site, and how FlowLens reaches it (never the token itself). */
export interface JiraAccessCheck {
  displayName: string;
  /** `token`: the saved API token or PAT; `session`: the browser's Jira login. */
  via: 'token' | 'session';
  /** Cloud or Data Center / Server. */
  deployment: 'cloud' | 'data-center';
}
