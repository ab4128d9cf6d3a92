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
  /**
   * Link descriptions that, read from the side of the issue that holds the link, say it waits on
   * the other: an inward one ("is blocked by") or an outward one ("depends on").
   */
  waitLinks: Set<string>;
}

/**
 * Words by which an issue says it waits on the other ("is blocked by", "depends on",
 * "requires", "needs", "waits for"), and not the other way round ("blocks", "is depended on by",
 * "is required by", "is needed by"). Sites rename link types and add their own.
 */
const WAITS_ON = /\b(blocked by|depends? (on|upon)|requires|needs|waits? (on|for)|waiting (on|for)|has (a )?prerequisite)\b/i;

/**
 * The descriptions of a link type that mean "waits on": the side whose words say so while the
 * other side's do not. A type whose two sides read the same ("Blocked" / "Blocked", as a real
 * Apache Jira has) says nothing of its direction, so it is not counted: the user can name it.
 */
function waitDescriptions(type: JiraIssueLink['type']): string[] {
  const inward = type.inward.trim().toLowerCase();
  const outward = type.outward.trim().toLowerCase();
  if (inward === outward) return [];
  const waits = (words: string) => WAITS_ON.test(words);
  if (waits(inward) && !waits(outward)) return [inward];
  if (waits(outward) && !waits(inward)) return [outward];
  return [];
}

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
  const facts: PageFacts = { doneStatuses: new Set(), openStatuses: new Set(), waitLinks: new Set() };
  for (const issue of issues) {
    const links = linksOf(issue);
    for (const status of statusesOf(issue, links)) {
      const category = status.statusCategory?.key;
      if (category) (category === 'done' ? facts.doneStatuses : facts.openStatuses).add(status.name.toLowerCase());
    }
    for (const { type } of links) for (const words of waitDescriptions(type)) facts.waitLinks.add(words);
  }
  // A name in both categories (two projects' statuses) counts as done, as Jira showed it so.
  for (const name of facts.doneStatuses) facts.openStatuses.delete(name);
  for (const name of doneByResolution(histories)) if (!facts.openStatuses.has(name)) facts.doneStatuses.add(name);
  return facts;
}
