/**
 * Test support: the real Jira Cloud payloads in ../shared/fixtures/jira/jirametrics (when
 * present) as WorkItems. The conversion is written here, small and on purpose independent of
 * the Jira provider: the flow core's tests must not lean on code outside lib/flow. It reads
 * status changes (closing and reopening at done-category statuses), Flagged (customfield_10021:
 * "Impediment" set or cleared) and "This issue is blocked by X" links added or removed; and the
 * issue's current "is blocked by" links as upstream, resolved from their own fixture when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { haveShared, sharedPath, sharedTitle } from '../../../tests/support/shared';
import type { FlowEvent, ItemLink, WorkItem } from '../model';

/** Where the shared fixtures are: beside the repository, not in it (found from its root). */
export const JIRA_FIXTURES = `${sharedPath('fixtures/jira/jirametrics')}/`;

/** Whether the shared fixtures are here (tests skip when not). */
export const haveJiraFixtures = haveShared('fixtures/jira/jirametrics');

/** A suite's title, saying why it is skipped when the fixtures are absent. */
export const jiraFixturesTitle = (title: string): string => sharedTitle(title, 'fixtures/jira/jirametrics');

const HOST = 'improvingflow.atlassian.net';
const FLAGGED = 'customfield_10021';

interface ChangeItem { field?: string; fieldId?: string; fromString?: string | null; toString?: string | null }
interface IssueRef { key: string; fields?: { summary?: string; status?: { statusCategory?: { key?: string } } } }
interface Payload {
  key: string;
  fields: {
    summary: string; created: string; resolutiondate?: string | null;
    status: { name: string; statusCategory?: { key: string } };
    project?: { key: string };
    issuelinks?: { type: { inward: string }; inwardIssue?: IssueRef }[];
    customfield_10021?: { value: string }[] | null;
  };
  changelog: { histories: { created: string; items: ChangeItem[] }[] };
}

const read = <T>(name: string): T => JSON.parse(readFileSync(`${JIRA_FIXTURES}${name}.json`, 'utf8')) as T;
const keyOf = (issueKey: string) => `jira:${HOST}/${issueKey}`;

/** Done-category status names, from the fixture's own status list. */
function doneStatuses(): Set<string> {
  const statuses = read<{ name: string; statusCategory: { key: string } }[]>('testdata__sample_statuses');
  return new Set(statuses.filter((s) => s.statusCategory.key === 'done').map((s) => s.name));
}

function statusEvents(change: ChangeItem, at: string, done: Set<string>): FlowEvent[] {
  const to = change.toString ?? '';
  const from = change.fromString ?? undefined;
  const events: FlowEvent[] = [{ type: 'status', at, to, ...(from ? { from } : {}) }];
  if (done.has(to) && !(from && done.has(from))) events.push({ type: 'closed', at });
  if (from && done.has(from) && !done.has(to)) events.push({ type: 'reopened', at });
  return events;
}

function linkEvents(change: ChangeItem, at: string): FlowEvent[] {
  const added = /^This issue is blocked by (\S+)$/.exec(change.toString ?? '')?.[1];
  if (added) return [{ type: 'link-added', at, link: { key: keyOf(added), kind: 'blocked-by', at } }];
  const removed = /^This issue is blocked by (\S+)$/.exec(change.fromString ?? '')?.[1];
  return removed ? [{ type: 'link-removed', at, key: keyOf(removed) }] : [];
}

/** One changelog item as flow events. */
function changeEvents(change: ChangeItem, at: string, done: Set<string>): FlowEvent[] {
  if (change.field === 'status') return statusEvents(change, at, done);
  if (change.fieldId === FLAGGED) return [change.toString ? { type: 'flagged', at } : { type: 'unflagged', at }];
  if (change.field === 'Link') return linkEvents(change, at);
  return [];
}

/** The issue's current "is blocked by" links; a blocker with its own fixture says when it was resolved. */
function upstreamOf(payload: Payload): ItemLink[] {
  return (payload.fields.issuelinks ?? []).flatMap((link) => {
    if (link.type.inward !== 'is blocked by' || !link.inwardIssue) return [];
    const { key, fields } = link.inwardIssue;
    const file = `testdata__${key}`;
    const resolvedAt = existsSync(`${JIRA_FIXTURES}${file}.json`) ? read<Payload>(file).fields.resolutiondate : undefined;
    const open = fields?.status?.statusCategory?.key !== 'done';
    return [{ key: keyOf(key), kind: 'blocked-by' as const, open, ...(fields?.summary ? { title: fields.summary } : {}), ...(resolvedAt ? { resolvedAt } : {}) }];
  });
}

/** The fixture `name` (file name without .json) as a WorkItem, with its history exactly as recorded. */
export function jiraFixtureItem(name: string): WorkItem {
  const payload = read<Payload>(name);
  const done = doneStatuses();
  const timeline = payload.changelog.histories.flatMap((h) => h.items.flatMap((change) => changeEvents(change, h.created, done)));
  return {
    key: keyOf(payload.key), source: 'jira', kind: 'jira-issue', title: payload.fields.summary, url: `https://${HOST}/browse/${payload.key}`,
    state: payload.fields.status.statusCategory?.key === 'done' ? 'closed' : 'open',
    assignees: [], requestedReviewers: [], createdAt: payload.fields.created,
    ...(payload.fields.resolutiondate ? { resolvedAt: payload.fields.resolutiondate } : {}),
    container: payload.fields.project?.key ?? payload.key.split('-')[0]!,
    signals: { status: payload.fields.status.name, flagged: (payload.fields.customfield_10021 ?? []).some((option) => option.value === 'Impediment') },
    timeline: [{ type: 'created', at: payload.fields.created }, ...timeline],
    upstream: upstreamOf(payload),
    downstream: [],
  };
}
