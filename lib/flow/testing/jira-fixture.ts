/**
 * Test support: the real Jira Cloud payloads in ../shared/fixtures/jira/jirametrics (when
 * present) as WorkItems, through the same changelog conversion the Jira provider uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkItem } from '../model';
import { changelogEvents, jiraDate, type JiraHistory } from '../../providers/jira/changelog';

/** Where the shared fixtures are, beside the project. */
export const JIRA_FIXTURES = resolve('../shared/fixtures/jira/jirametrics');

/** Whether the shared fixtures are here (tests skip when not). */
export const haveJiraFixtures = existsSync(JIRA_FIXTURES);

interface Payload {
  key: string;
  fields: { summary: string; created: string; resolutiondate?: string | null; status: { name: string; statusCategory?: { key: string } }; project?: { key: string } };
  changelog: { histories: JiraHistory[] };
}

/** Done-category status names, read from the fixture's own status list. */
function doneStatuses(): Set<string> {
  const statuses = JSON.parse(readFileSync(resolve(JIRA_FIXTURES, 'testdata__sample_statuses.json'), 'utf8')) as { name: string; statusCategory: { key: string } }[];
  return new Set(statuses.filter((s) => s.statusCategory.key === 'done').map((s) => s.name.toLowerCase()));
}

/** The fixture `name` (file name without .json) as a WorkItem. */
export function jiraFixtureItem(name: string): WorkItem {
  const payload = JSON.parse(readFileSync(resolve(JIRA_FIXTURES, `${name}.json`), 'utf8')) as Payload;
  const host = 'improvingflow.atlassian.net';
  const createdAt = jiraDate(payload.fields.created)!;
  const resolvedAt = jiraDate(payload.fields.resolutiondate ?? undefined);
  const ctx = { host, doneStatuses: doneStatuses(), flaggedFieldId: 'customfield_10021', blockedByLinks: new Set(['is blocked by']) };
  return {
    key: `jira:${host}/${payload.key}`,
    source: 'jira',
    kind: 'jira-issue',
    title: payload.fields.summary,
    url: `https://${host}/browse/${payload.key}`,
    state: payload.fields.status.statusCategory?.key === 'done' ? 'closed' : 'open',
    assignees: [],
    requestedReviewers: [],
    createdAt,
    ...(resolvedAt ? { resolvedAt } : {}),
    container: payload.fields.project?.key ?? payload.key.split('-')[0]!,
    signals: { status: payload.fields.status.name },
    timeline: [{ type: 'created', at: createdAt }, ...changelogEvents(payload.changelog.histories, ctx)],
    upstream: [],
    downstream: [],
  };
}
