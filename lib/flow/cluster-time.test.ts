import { describe, expect, it } from 'vitest';
import { analyzeItem } from './analyze';
import { defaultFlowSettings } from './flow-settings';
import { blockedTimeByCluster } from './cluster-time';
import { blockedBy, jiraItem } from './testing/items';

describe('blockedTimeByCluster', () => {
  it('sums blocked time per cluster over many items, largest first', () => {
    const now = Date.parse('2026-11-11T09:00:00Z');
    // PAY-1: blocked by another team's OPS-1 for 1 day. PAY-2: Blocked status for 6 h, labelled a decision.
    // PAY-3: blocked by PAY-4 of its own team for 2 h. PAY-5 flows and adds nothing.
    const items = [
      jiraItem(1, { upstream: [blockedBy('jira:acme.atlassian.net/OPS-1', '2026-11-10T09:00:00Z')] }),
      jiraItem(2, { signals: { status: 'Blocked', labels: ['needs-decision'] }, timeline: [{ type: 'status', at: '2026-11-11T03:00:00Z', to: 'Blocked' }] }),
      jiraItem(3, { upstream: [blockedBy('jira:acme.atlassian.net/PAY-4', '2026-11-11T07:00:00Z')] }),
      jiraItem(5),
    ];
    const totals = blockedTimeByCluster(items.map((item) => analyzeItem(item, { settings: defaultFlowSettings }, now)));
    expect(totals).toEqual([
      { cluster: 'external', blockedMs: 86_400_000, items: ['jira:acme.atlassian.net/PAY-1'] },
      { cluster: 'decision', blockedMs: 6 * 3_600_000, items: ['jira:acme.atlassian.net/PAY-2'] },
      { cluster: 'dependency', blockedMs: 2 * 3_600_000, items: ['jira:acme.atlassian.net/PAY-3'] },
    ]);
  });
});
