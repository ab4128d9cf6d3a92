/**
 * The flow states' one home for what is decided and said about them: which count as stuck, and
 * each state's words. The badge's label, its card, the popup and the Markdown export all take
 * their words from here, so they name a state alike.
 */
import { sentenceStart } from './cause-text';
import type { FlowState } from './model';

/**
 * Each state's one name, as the badge, the card, the popup's counts, filters and chart, and the
 * Markdown export all say it: "failing 2d", "2 failing", "Failing". One word each, the same word
 * as the badge's `data-flow-state`, so no surface calls a state anything else (a failing item is
 * one that needs its author: red CI, conflicts, changes requested; its cause says which).
 */
export const STATE_WORDS: Record<FlowState, string> = {
  blocked: 'blocked',
  waiting: 'waiting',
  failing: 'failing',
  flowing: 'flowing',
  done: 'done',
  unknown: 'unknown',
};

/** Every state, in the order lists show them. */
export const FLOW_STATES = Object.keys(STATE_WORDS) as FlowState[];

/** The states of work not done yet, the only ones the team summary holds. */
export const NOT_DONE_STATES: readonly FlowState[] = FLOW_STATES.filter((state) => state !== 'done');

/** A state as a heading or a list entry names it: "Failing". */
export function stateName(state: FlowState): string {
  return sentenceStart(STATE_WORDS[state]);
}

/** A state after an item's kind in a sentence: "Pull request failing", "Issue flow state unknown". */
export function stateInSentence(state: FlowState): string {
  return state === 'unknown' ? `flow state ${STATE_WORDS.unknown}` : STATE_WORDS[state];
}

/** The states in which an item waits on something or someone, in the order counts say them. */
export const STUCK_STATES: readonly FlowState[] = ['blocked', 'waiting', 'failing'];

const STUCK: ReadonlySet<string> = new Set<FlowState>(STUCK_STATES);

/** Whether a state is blocked, waiting or failing; a badge's `error` is none of them. */
export function isStuck(state: string): boolean {
  return STUCK.has(state);
}
