/** Turns a validated Jira issue into the shared WorkItem model. */
import * as v from 'valibot';
import type { FlowEvent, ItemLink, Person, WorkItem } from '../../flow/model';
import { jiraDate } from './changelog';
import { formatKey } from '../../item-key';
import { jiraIssueLink, type JiraIssue } from './schema';
import { sprintNames } from './sprints';

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

/** History and site facts that enrich an issue when Jira gave them. */
export interface JiraExtras {
  /** Flow events from the issue's changelog. */
  events?: FlowEvent[];
  /** The site's Flagged field id, to read whether the issue is flagged now. */
  flaggedFieldId?: string;
  /** The site's Sprint field id, to read the issue's sprints. */
  sprintFieldId?: string;
}

/** When each "is blocked by" link was made, from the changelog. */
function linkTimes(events: FlowEvent[]): Map<string, string> {
  return new Map(events.flatMap((e) => (e.type === 'link-added' ? [[e.link.key, e.at] as const] : [])));
}

/** A Jira issue as a WorkItem; `inwardNames` are the link descriptions that mean "is blocked by". */
export function jiraToItem(host: string, issue: JiraIssue, inwardNames: Set<string>, extras: JiraExtras = {}): WorkItem {
  const { fields } = issue;
  const events = extras.events ?? [];
  const times = linkTimes(events);
  const flaggedValue = extras.flaggedFieldId ? fields[extras.flaggedFieldId] : undefined;
  const category = fields.status.statusCategory?.key;
  const assignee = person(fields.assignee);
  const sprints = extras.sprintFieldId ? sprintNames(fields[extras.sprintFieldId]) : [];
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
    createdAt: jiraDate(fields.created) ?? fields.created,
    ...(jiraDate(fields.resolutiondate) ? { resolvedAt: jiraDate(fields.resolutiondate)! } : {}),
    ...(jiraDate(fields.updated) ? { updatedAt: jiraDate(fields.updated)! } : {}),
    container: fields.project?.key ?? issue.key.split('-')[0]!,
    signals: {
      status: fields.status.name,
      ...(category === 'new' || category === 'indeterminate' || category === 'done' ? { statusCategory: category } : {}),
      labels: fields.labels ?? [],
      ...(extras.flaggedFieldId ? { flagged: Array.isArray(flaggedValue) ? flaggedValue.length > 0 : Boolean(flaggedValue) } : {}),
    },
    timeline: [{ type: 'created', at: jiraDate(fields.created) ?? fields.created }, ...events],
    upstream: blockedBy(host, fields.issuelinks, inwardNames).map((link) => (times.has(link.key) ? { ...link, at: times.get(link.key)! } : link)),
    downstream: [],
    ...(sprints.length > 0 ? { sprints } : {}),
  };
}
