/** Which fields every issue request asks for, and which of the issues Jira sends back FlowLens reads. */
import * as v from 'valibot';
import { isJiraKey } from '../../item-key';
import type { JiraHistory } from './histories';
import { jiraIssue, type JiraIssue } from './schema';
import type { SiteMeta } from './site-meta';

/** Issues as Jira sent them, with their histories (by id or key) when Jira gave them. */
export interface Loaded {
  issues: JiraIssue[];
  histories: Map<string, JiraHistory[]> | undefined;
  /** Jira sent issues FlowLens could not read: a key missing may be one of them, not hidden. */
  unreadable?: boolean;
}

const FIELDS = ['summary', 'status', 'created', 'updated', 'resolutiondate', 'assignee', 'reporter', 'labels', 'project', 'issuelinks'];

/** The fields every issue request asks for, with the site's own custom fields. */
export function fieldsFor(meta: SiteMeta): string[] {
  return [...FIELDS, ...(meta.flaggedFieldId ? [meta.flaggedFieldId] : []), ...(meta.sprintFieldId ? [meta.sprintFieldId] : [])];
}

/** The keys of the issues Jira sent that do not match our schema (those with a key at all). */
export function unreadableKeys(raw: unknown[]): string[] {
  return raw.flatMap((value) => {
    if (v.safeParse(jiraIssue, value).success) return [];
    const key = (value as { key?: unknown } | null)?.key;
    return typeof key === 'string' && isJiraKey(key) ? [key] : [];
  });
}

/** The issues that match our schema; an odd one is skipped, not the whole answer. */
export function validIssues(raw: unknown[]): JiraIssue[] {
  return raw.flatMap((value) => {
    const issue = v.safeParse(jiraIssue, value);
    return issue.success ? [issue.output] : [];
  });
}
