/**
 * Histories of many issues at once: `POST /rest/api/3/changelog/bulkfetch`, filtered to the
 * fields flow needs (status, resolution, Flagged, links) or unfiltered (no `fieldIds`), and
 * paged by `nextPageToken`. Dates may
 * come as strings or as epoch numbers; changelog.ts reads both.
 */
import * as v from 'valibot';
import { requestJson, type Fetch, type HttpPacing } from '../http';
import { readHistories, type JiraHistory } from './histories';

// Each issue's log is read on its own, and its histories one by one (histories.ts): a malformed
// one is skipped, not the page of up to 1000 issues it came in.
const page = v.object({
  issueChangeLogs: v.optional(v.array(v.unknown())),
  nextPageToken: v.nullish(v.string()),
});

const issueChangeLog = v.object({ issueId: v.union([v.string(), v.number()]), changeHistories: v.optional(v.unknown()) });

/** Pages we read at most, so a huge history cannot run a refresh forever. */
const MAX_PAGES = 10;

/** Keys per changelog bulk fetch, Jira's documented maximum. */
const CHANGELOG_KEYS = 1000;

/** One site's changelog request: the keys, the fields whose history is wanted (none: every field), and the site's access. */
export type ChangelogRequest = { host: string; keys: string[]; fieldIds: string[]; headers: Record<string, string>; credentials: RequestCredentials; now: number; pacing?: HttpPacing };

/** Histories by issue id; `undefined` when Jira would not give them (the badges still work). */
export async function fetchChangelogs(fetch: Fetch, request: ChangelogRequest): Promise<Map<string, JiraHistory[]> | undefined> {
  const histories = new Map<string, JiraHistory[]>();
  for (let i = 0; i < request.keys.length; i += CHANGELOG_KEYS) {
    const part = await fetchChangelogPages(fetch, { ...request, keys: request.keys.slice(i, i + CHANGELOG_KEYS) });
    if (!part) return i === 0 ? undefined : histories;
    for (const [id, list] of part) histories.set(id, list);
  }
  return histories;
}

async function fetchChangelogPages(fetch: Fetch, request: ChangelogRequest): Promise<Map<string, JiraHistory[]> | undefined> {
  const histories = new Map<string, JiraHistory[]>();
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const answer = await requestJson(fetch, {
      url: `https://${request.host}/rest/api/3/changelog/bulkfetch`,
      method: 'POST',
      headers: request.headers,
      // No `fieldIds` at all asks for every field's history.
      body: { issueIdsOrKeys: request.keys, ...(request.fieldIds.length > 0 ? { fieldIds: request.fieldIds } : {}), maxResults: 1000, ...(token ? { nextPageToken: token } : {}) },
      credentials: request.credentials,
      service: 'Jira',
      now: request.now,
    }, request.pacing);
    const parsed = answer.ok ? v.safeParse(page, answer.body) : undefined;
    if (!parsed?.success) return pages === 0 ? undefined : histories;
    for (const raw of parsed.output.issueChangeLogs ?? []) {
      const log = v.safeParse(issueChangeLog, raw);
      if (!log.success) continue;
      const id = String(log.output.issueId);
      histories.set(id, [...(histories.get(id) ?? []), ...readHistories(log.output.changeHistories)]);
    }
    token = parsed.output.nextPageToken ?? undefined;
    if (!token) break;
  }
  return histories;
}
