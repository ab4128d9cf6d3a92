/**
 * Every setting of FlowLens, as versioned storage items (docs/ARCHITECTURE.md, "Settings": one module,
 * `defineItem` with `version` and `migrations`). Preferences live in `sync` so they follow the user. Secrets are
 * only described here (their schema and validation): they live in a database of their own in the
 * extension origin's IndexedDB (`secret-store.ts`), out of content scripts' reach, and are read
 * by the background and the options page only. Everything read back is validated: a broken or
 * hand-edited value falls back to the default field by field, so one bad field never loses the
 * others.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';

const hostName = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9.-]+(:\d{1,5})?$/, 'Enter a host name like git.example.com'),
);
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));

/** An array that keeps its valid entries (one typo must not wipe the list), at most `max`. */
function listOf<T>(item: v.GenericSchema<unknown, T>, fallback: T[], max = 100) {
  const keepValid = (entries: unknown[]) =>
    entries.flatMap((entry) => {
      const parsed = v.safeParse(item, entry);
      return parsed.success ? [parsed.output] : [];
    });
  return v.fallback(v.pipe(v.array(v.unknown()), v.transform(keepValid), v.maxLength(max)), fallback);
}

/** A record by host that keeps its valid entries. */
function byHost<T>(entry: v.GenericSchema<unknown, T>) {
  const keepValid = (record: Record<string, unknown>) => {
    const kept: Record<string, T> = {};
    for (const [host, value] of Object.entries(record)) {
      const parsedHost = v.safeParse(hostName, host);
      const parsedValue = v.safeParse(entry, value);
      if (parsedHost.success && parsedValue.success) kept[parsedHost.output] = parsedValue.output;
    }
    return kept;
  };
  return v.fallback(v.pipe(v.record(v.string(), v.unknown()), v.transform(keepValid)), {});
}

/** A whole percentile, 1–99, falling back alone. */
function percentile(fallback: number) {
  return v.fallback(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99)), fallback);
}

function hours(fallback: number) {
  return v.fallback(v.pipe(v.number(), v.minValue(1), v.maxValue(24 * 365)), fallback);
}

/** `owner/repo` on github.com, or `host/owner/repo` on an Enterprise Server host. */
const repoPath = v.pipe(v.string(), v.trim(), v.regex(/^([a-z0-9.-]+(:\d{1,5})?\/)?[a-z0-9_.-]+\/[a-z0-9_.-]+$/i, 'Enter a repository as owner/name or host/owner/name'));
const query = v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a query'), v.maxLength(1000));

/** The team: where its work is, who is in it, and what it owns. */
const teamFields = {
  /** Repositories whose open pull requests and issues are the team's. */
  githubRepos: listOf(repoPath, []),
  /** GitHub search queries, e.g. `is:pr is:open team-review-requested:org/team`. */
  githubQueries: listOf(v.object({ host: hostName, query }), []),
  /** Jira JQL queries per site, e.g. `project = PAY AND statusCategory != Done`. */
  jiraQueries: listOf(v.object({ site: hostName, jql: query }), []),
  /** Team members: GitHub logins and Jira account names (the popup filters by them). */
  members: listOf(name, []),
  /** The user's own GitHub login and Jira name: "my items" for notifications. */
  me: listOf(name, [], 10),
  /** The team's own projects and repositories (`PAY`, `octo-org/api`); blockers elsewhere are external. */
  containers: listOf(name, []),
};

/** The fields of the settings, each with its default: invalid fields fall back to it alone. */
const settingsFields = {
  /** GitHub Enterprise Server hosts the user added (github.com is always on). */
  githubHosts: listOf(hostName, []),
  /** Jira sites (Cloud or Data Center base URLs without path) the user added. */
  jiraSites: listOf(hostName, []),
  /** Labels that mean "blocked" on GitHub. */
  blockingLabels: listOf(name, ['blocked', 'status: blocked', 'on hold']),
  /** Jira status names that mean "blocked". */
  blockedStatuses: listOf(name, ['Blocked', 'On Hold', 'Waiting for support']),
  /** Jira link descriptions (inward) that mean "is blocked by". */
  blockedByLinks: listOf(name, ['is blocked by', 'depends on']),
  /** Minutes an item stays fresh in the cache before the badge refreshes it. */
  cacheTtlMinutes: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)), 5),
  /**
   * On GitHub pages of a host with a token, the Jira tickets a pull request names, read from the
   * configured Jira site that has their project (GitHub's page can read what FlowLens shows).
   */
  jiraOnGithub: v.fallback(v.boolean(), false),
  /**
   * On the configured Jira sites' pages, the pull requests whose title names the ticket, searched
   * on the GitHub hosts with a token (Jira's page can read them, private repositories included).
   */
  pullsOnJira: v.fallback(v.boolean(), false),
  /** What the team works on, for the popup's summary and the background sync. */
  team: v.fallback(v.object(teamFields), () => v.parse(v.object(teamFields), {})),
  /** Minutes between background syncs of the team's items (paused while no source is set). */
  syncMinutes: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(24 * 60)), 15),
  /** Working weekdays, 0 = Sunday: blocked time counts working time only. */
  workingDays: v.fallback(v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))), v.minLength(1), v.transform((days) => [...new Set(days)].sort((a, b) => a - b))), [1, 2, 3, 4, 5]),
  /** Days off (`YYYY-MM-DD`) that do not count as working time. */
  nonWorkingDates: listOf(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')), [], 366),
  /** Badge colours: blocked or waiting longer than these many hours turns amber, then red. */
  badgeThresholds: v.fallback(
    v.pipe(
      v.object({ warnHours: hours(24), alertHours: hours(72) }),
      v.check((t) => t.warnHours <= t.alertHours, 'The amber threshold must not be above the red one.'),
    ),
    { warnHours: 24, alertHours: 72 },
  ),
  /**
   * Badge colours by the team's own percentiles instead (lib/flow/pace.ts): amber past
   * `warnPercentile`% of the team's stretches of the item's kind, red past `alertPercentile`%.
   * Where the team's sample is too small, the hours above still decide.
   */
  badgeColours: v.fallback(
    v.pipe(
      v.object({ by: v.fallback(v.picklist(['hours', 'percentile']), 'hours'), warnPercentile: percentile(70), alertPercentile: percentile(85) }),
      v.check((c) => c.warnPercentile <= c.alertPercentile, 'The amber percentile must not be above the red one.'),
    ),
    { by: 'hours', warnPercentile: 70, alertPercentile: 85 },
  ),
  /** Default rules turned off by id, and the team's own moves (validated by `parseRuleSet`). */
  rules: v.fallback(v.object({ disabled: listOf(name, []), custom: v.fallback(v.pipe(v.array(v.unknown()), v.maxLength(50)), []) }), { disabled: [], custom: [] }),
  /** Opt-in desktop notifications. */
  notifications: v.fallback(
    v.object({
      enabled: v.fallback(v.boolean(), false),
      /** Tell when a team item has been blocked longer than this. */
      blockedLongerThanHours: hours(48),
      /** Tell when an upstream blocker of one of my items is resolved. */
      upstreamResolved: v.fallback(v.boolean(), true),
    }),
    { enabled: false, blockedLongerThanHours: 48, upstreamResolved: true },
  ),
};

/** Schema of the current settings; unknown fields are dropped. */
export const settingsSchema = v.object(settingsFields);

/** The user's preferences: the one declaration of their shape, for storage and the options page. */
export type Settings = v.InferOutput<typeof settingsSchema>;

/** The team's part of the settings: its sources, its people and what it owns. */
export type TeamSettings = Settings['team'];

/** The defaults, as a fresh install has them. */
export const DEFAULT_SETTINGS: Settings = v.parse(settingsSchema, {});

/** Validates anything into settings, keeping every valid field. */
export function sanitizeSettings(input: unknown): Settings {
  return v.parse(settingsSchema, typeof input === 'object' && input !== null ? input : {});
}

/**
 * Version 3 split `crossSource` in two opt-ins. It was offered as "Show the Jira tickets a pull
 * request names on GitHub pages", and that is all a user who ticked it agreed to: it becomes
 * `jiraOnGithub`; `pullsOnJira` (GitHub data on Jira pages, private repositories included)
 * starts off. Also applied to imported files, which may come from an older FlowLens.
 */
export function splitCrossSource(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('crossSource' in input)) return input;
  const { crossSource, ...rest } = input as Record<string, unknown>;
  return 'jiraOnGithub' in rest ? rest : { ...rest, jiraOnGithub: crossSource === true };
}

/** Preferences, synced (`storage.sync` holds at most 8 KB per item: the options page says so when full). */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 3,
  migrations: {
    // Version 2 added the team, sync, working time, thresholds, rules and notifications; a
    // version-1 value keeps every field it had (validated on every read) for version 3 to read.
    2: (old: unknown) => old,
    3: (old: unknown) => sanitizeSettings(splitCrossSource(old)),
  },
});

/** One Jira credential: an API token (Cloud, with the account email) or a PAT (Data Center). */
const jiraCredential = v.variant('kind', [
  v.object({ kind: v.literal('cloud-token'), email: v.pipe(v.string(), v.email()), token: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ kind: v.literal('pat'), token: v.pipe(v.string(), v.minLength(1)) }),
]);

/** A Jira credential: email + API token on Cloud, a personal access token on Data Center. */
export type JiraCredential = v.InferOutput<typeof jiraCredential>;

/** Schema of the secrets; each host's entry is checked alone. */
export const secretsSchema = v.object({
  /** GitHub tokens by host (`github.com` or an Enterprise Server host). */
  githubTokens: byHost(v.pipe(v.string(), v.trim(), v.minLength(1))),
  /** Jira credentials by site host; without one, the user's Jira session is used. */
  jiraCredentials: byHost(jiraCredential),
});

/** Tokens and credentials. */
export type Secrets = v.InferOutput<typeof secretsSchema>;

/** No secrets. */
export const NO_SECRETS: Secrets = { githubTokens: {}, jiraCredentials: {} };

/** Validates stored secrets, dropping malformed entries rather than all of them. */
export function sanitizeSecrets(input: unknown): Secrets {
  return v.parse(secretsSchema, typeof input === 'object' && input !== null ? input : {});
}

/** The settings as stored, validated. */
export async function loadSettings(): Promise<Settings> {
  return sanitizeSettings(await settingsItem.getValue());
}
