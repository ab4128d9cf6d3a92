/**
 * The flow states' one home for what is decided and said about them: which count as stuck, and
 * each state's words. The badge's label, its card, the popup and the Markdown export all take
 * their words from here, so they name a state alike.
 */
import { sentenceStart } from './cause-text';
import type { FlowState } from './model';

/** Each state as a sentence says it: "Pull request needs the author for 2d". */
export const STATE_WORDS: Record<FlowState, string> = {
  blocked: 'blocked',
  waiting: 'waiting',
  failing: 'needs the author',
  flowing: 'flowing',
  done: 'done',
  unknown: 'flow state unknown',
};

/** Every state, in the order lists show them. */
export const FLOW_STATES = Object.keys(STATE_WORDS) as FlowState[];

/** The states of work not done yet, the only ones the team summary holds. */
export const NOT_DONE_STATES: readonly FlowState[] = FLOW_STATES.filter((state) => state !== 'done');

/** A state as a heading or a list entry names it: "Needs the author". */
export function stateName(state: FlowState): string {
  return sentenceStart(STATE_WORDS[state]);
}

/** The states in which an item waits on something or someone. */
const STUCK: ReadonlySet<string> = new Set<FlowState>(['blocked', 'waiting', 'failing']);

/** Whether a state is blocked, waiting or failing; a badge's `error` is none of them. */
export function isStuck(state: string): boolean {
  return STUCK.has(state);
}
