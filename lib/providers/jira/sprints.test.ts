import { describe, expect, it } from 'vitest';
import { sprintNames } from './sprints';

describe('sprintNames', () => {
  it('reads Cloud sprint objects, closed ones by start date first, the open one last', () => {
    // As Jira Cloud sends the Sprint field: not necessarily in order.
    const value = [
      { id: 12, name: 'PAY Sprint 9', state: 'active', boardId: 3, startDate: '2026-11-16T09:00:00.000Z', endDate: '2026-11-30T09:00:00.000Z' },
      { id: 11, name: 'PAY Sprint 8', state: 'closed', boardId: 3, startDate: '2026-11-02T09:00:00.000Z', completeDate: '2026-11-16T08:00:00.000Z' },
      { id: 10, name: 'PAY Sprint 7', state: 'closed', boardId: 3, startDate: '2026-10-19T09:00:00.000Z', completeDate: '2026-11-02T08:00:00.000Z' },
    ];
    expect(sprintNames(value)).toEqual(['PAY Sprint 7', 'PAY Sprint 8', 'PAY Sprint 9']);
  });

  it('reads Data Center sprint strings, keeping commas inside a name', () => {
    const value = [
      'com.atlassian.greenhopper.service.sprint.Sprint@6f1c2a[id=21,rapidViewId=4,state=FUTURE,name=Sprint 9, the big one,startDate=<null>,endDate=<null>,completeDate=<null>,sequence=21,goal=]',
      'com.atlassian.greenhopper.service.sprint.Sprint@1b2c3d[id=7,rapidViewId=4,state=CLOSED,name=Sprint 7,startDate=2026-10-19T09:00:00.000Z,endDate=2026-11-02T09:00:00.000Z,completeDate=2026-11-02T08:00:00.000Z,sequence=7,goal=Ship the ledger]',
    ];
    expect(sprintNames(value)).toEqual(['Sprint 7', 'Sprint 9, the big one']);
  });

  it('orders closed sprints without dates by id', () => {
    expect(sprintNames([{ id: 5, name: 'S5', state: 'closed' }, { id: 3, name: 'S3', state: 'closed' }])).toEqual(['S3', 'S5']);
  });

  it('is empty for no sprint, and skips what it cannot read', () => {
    expect(sprintNames(null)).toEqual([]);
    expect(sprintNames(undefined)).toEqual([]);
    expect(sprintNames([42, 'not a sprint', { id: 1 }, { id: 2, name: 'S2', state: 'active' }])).toEqual(['S2']);
  });
});
