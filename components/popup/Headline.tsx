/**
 * The popup's first look: how many items are blocked, waiting and failing, and the one stuck
 * longest, in big figures. Each count is a toggle for the state filter, so one click shows those
 * items in every section.
 */
import { rowKey, shortKey } from '../../lib/flow/item-names';
import { STATE_WORDS, STUCK_STATES, stateInSentence } from '../../lib/flow/flow-states';
import type { FlowState } from '../../lib/flow/model';
import { formatAtLeast, formatDuration } from '../../lib/format';
import { httpsHref } from '../../lib/safe-url';
import type { OldestStuck, TeamGlance } from '../../lib/team/summary-types';
import { StateGlyph } from '../StateGlyph';

/** Props: the glance (its counts are of every state, its oldest of what the filters show), the state filter now, and where a count's click goes. */
export interface HeadlineProps {
  glance: TeamGlance;
  state: FlowState | undefined;
  onState: (state: FlowState | undefined) => void;
}

function Oldest({ oldest, oneRepo }: { oldest: OldestStuck | undefined; oneRepo: boolean }) {
  if (!oldest) {
    return (
      <div class="tile oldest" data-testid="oldest">
        <span class="figure">—</span>{' '}
        <span class="word">oldest</span>{' '}
        <span class="sub">nothing stuck</span>
      </div>
    );
  }
  const { item, ms, atLeast } = oldest;
  const href = httpsHref(item.url);
  const figure = atLeast ? formatAtLeast(ms) : formatDuration(ms);
  const sub = rowKey(item.key, oneRepo);
  const title = `Oldest: ${shortKey(item.key)} ${item.title}, ${stateInSentence(item.state)} for ${figure}`;
  // The visible words first, then what they stand for, for screen readers.
  const body = (
    <>
      <span class={`figure state-${item.state}`}><StateGlyph state={item.state} size={14} />{figure}</span>{' '}
      <span class="word">oldest</span>{' '}
      <span class="sub">{sub}</span>
      <span class="sr-only">: {item.title}, {stateInSentence(item.state)}</span>
    </>
  );
  return href ? (
    <a class="tile oldest" data-testid="oldest" href={href} target="_blank" rel="noreferrer" title={title}>{body}</a>
  ) : (
    <div class="tile oldest" data-testid="oldest" title={title}>{body}</div>
  );
}

/** The three counts and the oldest, as a row of tiles. */
export function Headline({ glance, state, onState }: HeadlineProps) {
  return (
    <div class="headline" data-testid="counts" role="group" aria-label="Team at a glance">
      {STUCK_STATES.map((s) => (
        <button
          key={s}
          type="button"
          class={`tile state-${s}`}
          aria-pressed={state === s}
          title={state === s ? 'Show every state again' : `Show only the ${STATE_WORDS[s]} items`}
          onClick={() => onState(state === s ? undefined : s)}
        >
          <span class="figure"><StateGlyph state={s} size={14} />{glance.counts[s] ?? 0}</span>{' '}
          <span class="word">{STATE_WORDS[s]}</span>
        </button>
      ))}
      <Oldest oldest={glance.oldest} oneRepo={glance.oneRepo} />
    </div>
  );
}
