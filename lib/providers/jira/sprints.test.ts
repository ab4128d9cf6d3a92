import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastestMs } from '../../../tests/support/timing';
import { insideBrackets, sprintNames } from './sprints';

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


describe('Data Center sprint strings a site crafted', () => {
  // Timed, because the bound is the issue's own: 20,000 `[` read in under 10 ms. The margin is
  // wide both ways: the linear read takes well under 1 ms, and `/\[(.*)\]\s*$/s`, which it
  // replaces, took 110-340 ms for the same text on this machine. The fastest of five runs is
  // compared, so one run slowed by the machine (a collection, another process) cannot fail it,
  // while a read that does quadratic work is slow in every run.
  it.each([
    ['20,000 `[`', '['.repeat(20_000)],
    ['20,000 `[` and a closing bracket not at the end', `${'['.repeat(20_000)}]x`],
    ['10,000 `[]` pairs and then text', `${'[]'.repeat(10_000)}x`],
  ])('reads %s in under 10 ms', (_, text) => {
    expect(fastestMs(() => sprintNames([text]))).toBeLessThan(10);
  });

  it('finds what the regex it replaces found, on any text of brackets, spaces and words', () => {
    const piece = fc.constantFrom('[', ']', ' ', '\n', '\u00a0', '\ufeff', 'name=S', ',', 'id=1', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        expect(insideBrackets(text)).toBe(/\[(.*)\]\s*$/s.exec(text)?.[1]);
      }),
      { numRuns: 2000 },
    );
  });
});
