/** Turns a validated Jira issue into the shared WorkItem model. */
import * as v from 'valibot';
import type { ItemLink, Person, WorkItem } from '../../flow/model';
import { formatKey } from '../../item-key';
import { jiraIssueLink, type JiraIssue } from './schema';

type JiraUser = JiraIssue['fields']['assignee'];

function person(user: JiraUser): Person | undefined {
  const id = user?.accountId ?? user?.name;
  return id ? { id, name: user?.displayName ?? id } : undefined;
}

/** "X is blocked by Y" links of an issue: Jira lists Y as the `inwardIssue` of a Blocks link. */
function blockedBy(host: string, links: unknown[] | undefined, inwardNames: Set<string>): ItemLink[] {
  return (links ?? []).flatMap((raw) => {
    const parsed = v.safeParse(jiraIssueLink, raw);
    if (!parsed.success || !parsed.output.inwardIssue) return [];
    const { type, inwardIssue } = parsed.output;
    if (!inwardNames.has(type.inward.toLowerCase())) return [];
    const category = inwardIssue.fields?.status?.statusCategory?.key;
    return [{
      key: formatKey({ source: 'jira', host, issueKey: inwardIssue.key }),
      kind: 'blocked-by' as const,
      url: `https://${host}/browse/${inwardIssue.key}`,
      ...(inwardIssue.fields?.summary ? { title: inwardIssue.fields.summary } : {}),
      ...(category ? { open: category !== 'done' } : {}),
    }];
  });
}

/** A Jira issue as a WorkItem; `inwardNames` are the link descriptions that mean "is blocked by". */
export function jiraToItem(host: string, issue: JiraIssue, inwardNames: Set<string>): WorkItem {
  const { fields } = issue;
  const category = fields.status.statusCategory?.key;
  const assignee = person(fields.assignee);
  const author = person(fields.reporter);
  return {
    key: formatKey({ source: 'jira', host, issueKey: issue.key }),
    source: 'jira',
    kind: 'jira-issue',
    title: fields.summary,
    url: `https://${host}/browse/${issue.key}`,
    state: category === 'done' ? 'closed' : 'open',
    assignees: assignee ? [assignee] : [],
    ...(author ? { author } : {}),
    requestedReviewers: [],
    createdAt: fields.created,
    ...(fields.resolutiondate ? { resolvedAt: fields.resolutiondate } : {}),
    ...(fields.updated ? { updatedAt: fields.updated } : {}),
    container: fields.project?.key ?? issue.key.split('-')[0]!,
    signals: {
      status: fields.status.name,
      ...(category === 'new' || category === 'indeterminate' || category === 'done' ? { statusCategory: category } : {}),
      labels: fields.labels ?? [],
    },
    timeline: [{ type: 'created', at: fields.created }],
    upstream: blockedBy(host, fields.issuelinks, inwardNames),
    downstream: [],
  };
}
