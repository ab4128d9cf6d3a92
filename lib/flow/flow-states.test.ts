import { describe, expect, it } from 'vitest';
import { CLUSTERS, clusterName, CLUSTER_WORDS } from './clusters';
import { FLOW_STATES, isStuck, NOT_DONE_STATES, stateInSentence, stateName, STATE_WORDS, STUCK_STATES } from './flow-states';

describe('the flow states and their words', () => {
  it('lists every state once, in the order lists show them', () => {
    expect(FLOW_STATES).toEqual(['blocked', 'waiting', 'failing', 'flowing', 'done', 'unknown']);
    expect(NOT_DONE_STATES).toEqual(['blocked', 'waiting', 'failing', 'flowing', 'unknown']);
  });

  it('counts blocked, waiting and failing as stuck, and nothing else', () => {
    expect([...FLOW_STATES, 'error'].filter(isStuck)).toEqual(['blocked', 'waiting', 'failing']);
    expect(STUCK_STATES).toEqual(['blocked', 'waiting', 'failing']);
  });

  it('names a state as a heading does, with the words a sentence uses', () => {
    // One name a state, the same word as its data-flow-state (was "fix", "needs the author",
    // "need the author", "needing the author" and "Author" for failing).
    expect(FLOW_STATES.map(stateName)).toEqual(['Blocked', 'Waiting', 'Failing', 'Flowing', 'Done', 'Unknown']);
    expect(FLOW_STATES.every((state) => STATE_WORDS[state] === state)).toBe(true);
    expect(FLOW_STATES.map(stateInSentence)).toEqual(['blocked', 'waiting', 'failing', 'flowing', 'done', 'flow state unknown']);
  });
});

describe('the cluster names', () => {
  it('names every cluster, keeping CI in capitals', () => {
    expect(CLUSTERS.map(clusterName)).toEqual(['Dependency in the team', 'Another team', 'Review', 'CI', 'Merge conflict', 'Decision or requirements', 'Environment or release', 'Not clear from the data']);
    expect(Object.keys(CLUSTER_WORDS).sort()).toEqual([...CLUSTERS].sort());
  });
});
