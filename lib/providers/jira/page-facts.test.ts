import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath, sharedTitle } from '../../../tests/support/shared';
import { readHistories } from './histories';
import { pageFacts } from './page-facts';
import { validIssues } from './issue-fields';

// Real Jira Cloud payloads, read from the shared fixtures beside the project when present.
// Found from the repository root, not the working directory.
const FIXTURES = sharedPath('fixtures/jira/jirametrics');
const fixture = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8'));
const histories = (...payloads: { changelog: { histories: unknown[] } }[]) => payloads.map((p) => readHistories(p.changelog.histories));

describe.skipIf(!existsSync(FIXTURES))(sharedTitle('pageFacts on real Jira payloads', 'fixtures/jira/jirametrics'), () => {
  it('learns done and open statuses from the issues and the issues they link to', () => {
    // SP-15 is "Selected for Development"; its links show SP-14 and SP-13 in "Done".
    const sp15 = fixture('testdata__SP-15');
    const facts = pageFacts(validIssues([sp15]), []);
    expect(facts.doneStatuses).toEqual(new Set(['done']));
    expect(facts.openStatuses).toEqual(new Set(['selected for development']));
  });

  it('learns the blocking link types from the links, not "Cloners"', () => {
    const facts = pageFacts(validIssues([fixture('testdata__SP-15'), fixture('testdata__SP-13')]), []);
    expect(facts.waitLinks).toEqual(new Set(['is blocked by']));
  });

  it('learns "Done" from SP-5’s history alone: entered twice as the resolution was set, left once as it was cleared', () => {
    const sp5 = fixture('complete_sample__sample_issues__SP-5');
    // SP-1 is in Review now; only SP-5's history tells which status is done.
    const facts = pageFacts(validIssues([fixture('complete_sample__sample_issues__SP-1')]), histories(sp5));
    expect(facts.doneStatuses).toEqual(new Set(['done']));
  });
});

describe('pageFacts', () => {
  const issue = (key: string, status: string, category: string, issuelinks: unknown[] = []) => ({ id: key, key, fields: { summary: key, status: { name: status, statusCategory: { key: category } }, created: '2026-11-01T09:00:00.000+0000', issuelinks } });

  it('learns a site’s own link type whose name says "waits on"', () => {
    const links = [
      { type: { name: 'Dependency', inward: 'needs', outward: 'is needed by' }, inwardIssue: { key: 'PAY-9', fields: { status: { name: 'Waiting', statusCategory: { key: 'indeterminate' } } } } },
      { type: { name: 'Relates', inward: 'relates to', outward: 'relates to' }, outwardIssue: { key: 'PAY-8', fields: { status: { name: 'Shipped', statusCategory: { key: 'done' } } } } },
      { type: { name: 'broken' } },
    ];
    const facts = pageFacts(validIssues([issue('PAY-1', 'In Progress', 'indeterminate', links)]), []);
    expect(facts.waitLinks).toEqual(new Set(['needs']));
    expect(facts.doneStatuses).toEqual(new Set(['shipped']));
    expect(facts.openStatuses).toEqual(new Set(['in progress', 'waiting']));
  });

  it('takes no resolution for done on a status Jira shows open, and a name shown both ways as done', () => {
    const [quirk] = readHistories([{ created: '2026-11-05T10:00:00.000+0000', items: [{ field: 'resolution', to: '1', toString: 'Fixed' }, { field: 'status', fromString: 'In Progress', toString: 'In Review' }] }]);
    const facts = pageFacts(validIssues([issue('PAY-1', 'In Review', 'indeterminate'), issue('PAY-2', 'Closed', 'done'), issue('PAY-3', 'Closed', 'indeterminate')]), [[quirk!]]);
    expect(facts.doneStatuses).toEqual(new Set(['closed']));
    expect(facts.openStatuses).toEqual(new Set(['in review']));
  });
});
