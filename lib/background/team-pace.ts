/**
 * The team's yardstick for the cards' pace (lib/flow/pace.ts), from what the team sync keeps.
 * Sorting a few thousand figures for every batch of badges would be waste: the sample is built
 * once and kept until the team state changes (the sync's `watch`), and a team that has finished
 * nothing yet has none.
 */
import { paceSample, type PaceSample } from '../flow/pace';
import type { TeamState } from '../team/team-state';
import { HISTORY_DAYS } from './team-sources';

/** What the loader reads: the kept team state, and a way to hear that it changed. */
export interface TeamPaceDeps {
  loadTeamState: () => Promise<TeamState>;
  /** Calls back whenever the team state is written; returns nothing to undo (the worker lives with it). */
  watch: (changed: () => void) => void;
}

/**
 * `load`, memoised until `watch` says what it reads changed: the cards read the team state on
 * every batch of badges, and it changes only when the sync writes it. A failed load is not kept.
 */
export function keptUntilChanged<T>(load: () => Promise<T>, watch: TeamPaceDeps['watch']): () => Promise<T> {
  let kept: Promise<T> | undefined;
  watch(() => {
    kept = undefined;
  });
  return () => {
    if (kept) return kept;
    const loading = load();
    kept = loading;
    loading.catch(() => {
      if (kept === loading) kept = undefined;
    });
    return loading;
  };
}

/** A loader of the team's pace sample, memoised until the team state changes. */
export function createPaceLoader(deps: TeamPaceDeps): () => Promise<PaceSample | undefined> {
  return keptUntilChanged(() => deps.loadTeamState().then((state) => sampleOf(state), () => undefined), deps.watch);
}

/** The sample of a team state; none before any item finished. */
export function sampleOf(state: TeamState): PaceSample | undefined {
  if (state.cycleTimesMs.length === 0) return undefined;
  return paceSample({ cycleTimesMs: state.cycleTimesMs, stretchesMs: state.stretchesMs, at: state.lastGoodAt }, HISTORY_DAYS);
}
