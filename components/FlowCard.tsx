/**
 * The detail card a badge opens: what FlowLens knows about the item, how fresh it is, and what
 * went wrong when something did. Later issues add blockers, clusters and moves here.
 */
import type { FlowView } from '../lib/flow-view';
import { formatDuration } from '../lib/format';

/** Props of the card. */
export interface FlowCardProps {
  id: string;
  view: FlowView;
  now: number;
  onClose: () => void;
}

const STATE_WORDS: Record<FlowView['state'], string> = {
  blocked: 'Blocked',
  waiting: 'Waiting',
  failing: 'Needs the author',
  flowing: 'Flowing',
  done: 'Done',
  unknown: 'Flow state unknown',
  error: 'Could not load',
};

/** The card, as a non-modal dialog under the badge. */
export function FlowCard({ id, view, now, onClose }: FlowCardProps) {
  const opened = view.openedAt ? Date.parse(view.openedAt) : NaN;
  return (
    <div id={id} class="card" role="dialog" aria-label={`FlowLens: ${view.title || view.key}`} data-testid="flowlens-card">
      <header>
        <strong class={`state state-${view.state}`}>{STATE_WORDS[view.state]}</strong>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {view.title ? <p class="title">{view.title}</p> : null}
      {Number.isFinite(opened) ? <p>Open for {formatDuration(now - opened)}.</p> : null}
      {view.state === 'unknown' ? <p>Not enough data yet to say whether this item is blocked.</p> : null}
      {view.note ? <p class="note">{view.note}</p> : null}
      {view.error ? <ErrorLine view={view} /> : null}
      <footer>
        {view.fetchedAt ? <span>{updated(now - view.fetchedAt)}</span> : null}
        {view.url ? (
          <a href={view.url} target="_blank" rel="noreferrer">
            Open item
          </a>
        ) : null}
      </footer>
    </div>
  );
}

function updated(age: number): string {
  return age < 60_000 ? 'Updated just now' : `Updated ${formatDuration(age)} ago`;
}

function ErrorLine({ view }: { view: FlowView }) {
  const error = view.error!;
  return (
    <p class="error" role="alert">
      {view.stale ? 'Showing saved data. ' : ''}
      {error.message}
      {error.helpUrl ? (
        <>
          {' '}
          <a href={error.helpUrl} target="_blank" rel="noreferrer">
            Fix it
          </a>
        </>
      ) : null}
    </p>
  );
}
