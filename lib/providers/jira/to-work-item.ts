/** Turns a validated Jira issue into the shared WorkItem model. */
import * as v from 'valibot';
import type { FlowEvent, ItemLink, Person, WorkItem } from '../../flow/model';
import { isoTime } from '../../flow/time';
import { formatKey } from '../../item-key';
import { own } from '../../own';
import { jiraIssueLink, type JiraIssue } from './schema';
import { sprintNames } from './sprints';

type JiraUser = JiraIssue['fields']['assignee'];

function person(user: JiraUser): Person | undefined {
  const id = user?.accountId ?? user?.name;
  return id ? { id, name: user?.displayName ?? id } : undefined;
}

/**
 * The issues an issue waits on. Each link reads from the issue's own side: an `inwardIssue` Y
 * with the type's inward words ("X is blocked by Y"), an `outwardIssue` Y with its outward words
 * ("X depends on Y"); Y is a blocker when those words are among `waitNames`.
 */
function blockingLinks(links: unknown[] | undefined, waitNames: ReadonlySet<string>) {
  return (links ?? []).flatMap((raw) => {
    const parsed = v.safeParse(jiraIssueLink, raw);
    if (!parsed.success) return [];
    const { type, inwardIssue, outwardIssue } = parsed.output;
    if (inwardIssue && waitNames.has(type.inward.trim().toLowerCase())) return [inwardIssue];
    if (outwardIssue && waitNames.has(type.outward.trim().toLowerCase())) return [outwardIssue];
    return [];
  });
}

/** The keys (`EE-2880`) of the issues an issue is blocked by now; `stillOpen`: only those not shown done. */
export function blockerKeys(issue: JiraIssue, waitNames: ReadonlySet<string>, stillOpen = false): Set<string> {
  const blockers = blockingLinks(issue.fields.issuelinks, waitNames).filter((blocker) => !stillOpen || blocker.fields?.status?.statusCategory?.key !== 'done');
  return new Set(blockers.map((blocker) => blocker.key.toUpperCase()));
}

/** The issues an issue waits on, as upstream links. */
function blockedBy(host: string, links: unknown[] | undefined, waitNames: ReadonlySet<string>): ItemLink[] {
  return blockingLinks(links, waitNames).map((blocker) => {
    const category = blocker.fields?.status?.statusCategory?.key;
    return {
      key: formatKey({ source: 'jira', host, issueKey: blocker.key }),
      kind: 'blocked-by' as const,
      url: `https://${host}/browse/${blocker.key}`,
      ...(blocker.fields?.summary ? { title: blocker.fields.summary } : {}),
      ...(category ? { open: category !== 'done' } : {}),
    };
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

/** A Jira issue as a WorkItem; `waitNames` are the link descriptions that mean "waits on", read from its own side. */
export function jiraToItem(host: string, issue: JiraIssue, waitNames: ReadonlySet<string>, extras: JiraExtras = {}): WorkItem {
  const { fields } = issue;
  const events = extras.events ?? [];
  const times = linkTimes(events);
  const flaggedValue = extras.flaggedFieldId ? own(fields, extras.flaggedFieldId) : undefined;
  const category = fields.status.statusCategory?.key;
  const assignee = person(fields.assignee);
  const sprints = extras.sprintFieldId ? sprintNames(own(fields, extras.sprintFieldId)) : [];
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
    createdAt: isoTime(fields.created) ?? fields.created,
    ...(isoTime(fields.resolutiondate) ? { resolvedAt: isoTime(fields.resolutiondate)! } : {}),
    ...(isoTime(fields.updated) ? { updatedAt: isoTime(fields.updated)! } : {}),
    container: fields.project?.key ?? issue.key.split('-')[0]!,
    signals: {
      status: fields.status.name,
      ...(category === 'new' || category === 'indeterminate' || category === 'done' ? { statusCategory: category } : {}),
      labels: fields.labels ?? [],
      ...(extras.flaggedFieldId ? { flagged: Array.isArray(flaggedValue) ? flaggedValue.length > 0 : Boolean(flaggedValue) } : {}),
    },
    timeline: [{ type: 'created', at: isoTime(fields.created) ?? fields.created, url: `https://${host}/browse/${issue.key}` }, ...events],
    upstream: blockedBy(host, fields.issuelinks, waitNames).map((link) => (times.has(link.key) ? { ...link, at: times.get(link.key)! } : link)),
    downstream: [],
    ...(sprints.length > 0 ? { sprints } : {}),
  };
}
