/**
 * What a page of issues tells about its site, so no request has to ask: which statuses are in the
 * done category (each issue's own status and its linked issues' carry their category; a changelog
 * that sets the resolution on entering a status says it too), and which link types mean "waits on"
 * (every issue link carries its type's name and descriptions).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/
 */
import * as v from 'valibot';
import { doneByResolution, type JiraHistory } from './changelog';
import { jiraIssueLink, type JiraIssue, type JiraIssueLink, type JiraStatus } from './schema';

/** Facts learnt from one page (all names lower-case). */
export interface PageFacts {
  doneStatuses: Set<string>;
  /** Statuses seen in another category now; they outweigh a done guessed from a resolution. */
  openStatuses: Set<string>;
  /** Inward descriptions of link types that mean "waits on". */
  blockingInwards: Set<string>;
}

/** Link types whose names say one issue waits on another; sites rename and add their own. */
const BLOCKING_TYPE = /block|depend|prerequisite|requires|waits?/i;

/** The issue's links that match our schema. */
function linksOf(issue: JiraIssue): JiraIssueLink[] {
  return (issue.fields.issuelinks ?? []).flatMap((raw) => {
    const link = v.safeParse(jiraIssueLink, raw);
    return link.success ? [link.output] : [];
  });
}

/** The issue's status and those of the issues it links to (Jira sends each with its category). */
function statusesOf(issue: JiraIssue, links: JiraIssueLink[]): JiraStatus[] {
  const linked = links.flatMap((link) => [link.inwardIssue?.fields?.status, link.outwardIssue?.fields?.status]);
  return [issue.fields.status, ...linked.filter((status) => status !== undefined)];
}

/** The facts a page of issues and their histories show. */
export function pageFacts(issues: readonly JiraIssue[], histories: Iterable<readonly JiraHistory[]>): PageFacts {
  const facts: PageFacts = { doneStatuses: new Set(), openStatuses: new Set(), blockingInwards: new Set() };
  for (const issue of issues) {
    const links = linksOf(issue);
    for (const status of statusesOf(issue, links)) {
      const category = status.statusCategory?.key;
      if (category) (category === 'done' ? facts.doneStatuses : facts.openStatuses).add(status.name.toLowerCase());
    }
    for (const { type } of links) if (BLOCKING_TYPE.test(`${type.name} ${type.inward}`)) facts.blockingInwards.add(type.inward.toLowerCase());
  }
  // A name in both categories (two projects' statuses) counts as done, as Jira showed it so.
  for (const name of facts.doneStatuses) facts.openStatuses.delete(name);
  for (const name of doneByResolution(histories)) if (!facts.openStatuses.has(name)) facts.doneStatuses.add(name);
  return facts;
}
