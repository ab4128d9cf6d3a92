// Real Jira link types (`GET /rest/api/{2,3}/issueLinkType` answers recorded from live Cloud and
// Data Center sites by other projects, and Atlassian's own example; see
// ../shared/fixtures/real-api/README.md). FlowLens does not ask for the list: each issue link
// carries its type, and page-facts.ts learns from it which descriptions mean "waits on". Here
// every recorded type is put on a link and the expected reading is worked out by hand.
import { describe, expect, it } from 'vitest';
import { haveShared, sharedJson, sharedTitle } from '../../../tests/support/shared';
import { pageFacts } from './page-facts';
import { validIssues } from './issue-fields';
import { jiraToItem } from './to-work-item';

interface LinkType { name: string; inward: string; outward: string }

const FILES = {
  apache: 'fixtures/real-api/jira-dc/gojira-apache-issueLinkType.json',
  jiraRuby: 'fixtures/real-api/jira-dc/jiraruby-sdk-issueLinkType.json',
  jdog: 'fixtures/real-api/jira-dc/jrjc-jdog-issueLinkType-5.0.json',
  airbyte: 'fixtures/real-api/jira-cloud/airbyte-cloud-issueLinkType.json',
  atlassian: 'fixtures/real-api/jira-cloud/atlassian-openapi-example-issueLinkType-list.json',
};
const missing = Object.values(FILES).find((file) => !haveShared(file));
const have = missing === undefined;

/** The types of one answer: a bare array (the Apache one, envelope stripped) or `{ issueLinkTypes }`. */
function typesOf(file: string): LinkType[] {
  const raw = sharedJson<LinkType[] | { issueLinkTypes: LinkType[] }>(file);
  return Array.isArray(raw) ? raw : raw.issueLinkTypes;
}

/** An issue holding one link of each type, to `OTHER-n`, on the side given. */
function issueWith(types: LinkType[], side: 'inwardIssue' | 'outwardIssue') {
  const issuelinks = types.map((type, i) => ({ type, [side]: { key: `OTHER-${i + 1}`, fields: { status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } } } }));
  return validIssues([{ id: '1', key: 'PAY-1', fields: { summary: 'x', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T09:00:00.000+0000', issuelinks } }])[0]!;
}

const learnt = (file: string) => [...pageFacts([issueWith(typesOf(file), 'inwardIssue')], []).waitLinks].sort();

describe.skipIf(!have)(sharedTitle('link types of real Jira sites', missing ?? FILES.apache), () => {
  it('learns the side whose words say "waits on", never its passive twin nor a type whose sides read the same', () => {
    // issues.apache.org: "Blocker" (is blocked by / blocks) → the inward side; "Required"
    // (is required by / requires) and "dependent" (is depended upon by / depends upon) → their
    // outward side. "Blocked", "Dependency", "Dependent" and "Parent Feature" read the same both
    // ways, so nothing tells their direction: not counted (a user can name them).
    expect(learnt(FILES.apache)).toEqual(['depends upon', 'is blocked by', 'requires']);
    // The default Server and Cloud types: only Blocks.
    expect(learnt(FILES.jiraRuby)).toEqual(['is blocked by']);
    expect(learnt(FILES.airbyte)).toEqual(['is blocked by']);
    // A large company's Jira: "Dependent" is "is depended on by" inward and "depends on" outward.
    expect(learnt(FILES.jdog)).toEqual(['depends on']);
    // Atlassian's example words the Blocks type "Blocked by" / "Blocks".
    expect(learnt(FILES.atlassian)).toEqual(['blocked by']);
  });

  it('takes the blocker from the side whose words say so: "X depends on Y" makes Y upstream, "X is depended on by Z" does not', () => {
    // jdog's Dependent type, once on each side of PAY-1. Read by the old rule (the type's name
    // says "depend", so its inward words counted), Z, which waits on PAY-1, was PAY-1's blocker,
    // and Y, which PAY-1 waits on, was not.
    const dependent = typesOf(FILES.jdog).find((type) => type.name === 'Dependent')!;
    const issue = validIssues([{
      id: '1', key: 'PAY-1',
      fields: {
        summary: 'x', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, created: '2026-11-01T09:00:00.000+0000',
        issuelinks: [
          { type: dependent, outwardIssue: { key: 'PAY-2', fields: { status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } } } },
          { type: dependent, inwardIssue: { key: 'PAY-3', fields: { status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } } } } },
        ],
      },
    }])[0]!;
    const waits = pageFacts([issue], []).waitLinks;
    expect(jiraToItem('jdog.atlassian.com', issue, waits).upstream.map((link) => link.key)).toEqual(['jira:jdog.atlassian.com/PAY-2']);
  });
});
