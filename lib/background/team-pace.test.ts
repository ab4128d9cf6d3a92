import { describe, expect, it } from 'vitest';
import { createPaceLoader, keptUntilChanged, sampleOf } from './team-pace';
import { EMPTY_TEAM_STATE, type TeamState } from '../team/team-state';

describe('the team’s pace sample', () => {
  it('is none before an item finished, and sorted figures after', () => {
    expect(sampleOf(EMPTY_TEAM_STATE)).toBeUndefined();
    const state: TeamState = { ...EMPTY_TEAM_STATE, cycleTimesMs: [30, 10, 20], stretchesMs: { review: [5, 1] }, lastGoodAt: 99 };
    expect(sampleOf(state)).toEqual({ cycleTimesMs: [10, 20, 30], stretchesMs: { review: [1, 5] }, items: 3, windowDays: 90, at: 99 });
  });

  it('reads the team state once until it changes, and none when it cannot be read', async () => {
    let reads = 0;
    let changed = () => {};
    let state: TeamState = { ...EMPTY_TEAM_STATE, cycleTimesMs: [1] };
    const load = createPaceLoader({ loadTeamState: async () => (reads++, state), watch: (callback) => void (changed = callback) });
    expect((await load())?.items).toBe(1);
    expect((await load())?.items).toBe(1);
    expect(reads).toBe(1);
    state = { ...state, cycleTimesMs: [1, 2] };
    changed();
    expect((await load())?.items).toBe(2);
    expect(reads).toBe(2);
    const broken = createPaceLoader({ loadTeamState: () => Promise.reject(new Error('storage gone')), watch: () => {} });
    expect(await broken()).toBeUndefined();
  });

  it('keeps a load until told it changed, and never keeps a failed one', async () => {
    let calls = 0;
    let changed = () => {};
    const load = keptUntilChanged(async () => {
      calls += 1;
      if (calls === 1) throw new Error('storage gone');
      return calls;
    }, (callback) => void (changed = callback));
    await expect(load()).rejects.toThrow('storage gone');
    expect([await load(), await load(), calls]).toEqual([2, 2, 2]);
    changed();
    expect(await load()).toBe(3);
  });
});
