/**
 * The badge beside an item's title: a button showing the flow state and how long, which opens the
 * detail card. Renders text only (never HTML), so titles from the host page cannot inject markup.
 */
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { badgeName, blockerCount, type FlowView } from '../lib/flow-view';
import { FlowCard } from './FlowCard';
import { placeCardIn } from './card-place';
import { BadgeGlyph, FlowLensMark } from './StateGlyph';

/** Props: the view to show, or `undefined` while the first answer is on its way. */
export interface FlowBadgeProps {
  view: FlowView | undefined;
  now: number;
  /** Opens FlowLens's settings: the card of a set-up error offers it ("Fix in FlowLens settings"). */
  onFixSetup?: () => void;
}

/** The badge button and its card. */
export function FlowBadge({ view, now, onFixSetup }: FlowBadgeProps) {
  const [open, setOpen] = useState(false);
  const cardId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLSpanElement>(null);
  // Listening from the moment the card is on the page, not after the browser's next paint: an
  // Escape pressed at once (a busy page delays effects) would otherwise be lost.
  useLayoutEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    // A click anywhere outside the badge and its card closes it (the path crosses our shadow root).
    const outside = (event: Event) => {
      if (wrap.current && !event.composedPath().includes(wrap.current)) setOpen(false);
    };
    document.addEventListener('keydown', close, true);
    document.addEventListener('click', outside, true);
    return () => {
      document.removeEventListener('keydown', close, true);
      document.removeEventListener('click', outside, true);
    };
  }, [open]);
  // Placed before it is painted, and again when the window's size or the card's content changes.
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => placeCardIn(wrap.current);
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, view]);
  if (!view) {
    return (
      <span class="badge loading" role="status" aria-label="FlowLens is loading this item">
        <span class="pill" />
      </span>
    );
  }
  return (
    <span class={open ? 'wrap open' : 'wrap'} ref={wrap}>
      <button
        ref={button}
        type="button"
        class={`badge state-${view.state}${view.urgency ? ` urgency-${view.urgency}` : ''}${view.stale ? ' stale' : ''}${view.setup ? ' setup' : ''}`}
        aria-label={badgeName(view)}
        aria-expanded={open}
        aria-controls={cardId}
        data-testid="flowlens-badge-button"
        onClick={() => setOpen(!open)}
      >
        <Pill view={view} />
      </button>
      {open ? <FlowCard id={cardId} view={view} now={now} onClose={() => setOpen(false)} {...(onFixSetup ? { onFixSetup } : {})} /> : null}
    </span>
  );
}

/** The pill inside the button: the FlowLens mark, the state's glyph, the text and the blocker count. */
function Pill({ view }: { view: FlowView }) {
  return (
    <span class="pill">
      <FlowLensMark />
      <BadgeGlyph state={view.state} />
      {view.text}
      {/* Labelled, so it is not read as the site's comment count; the space keeps "blocked 3d 1 blocker" one phrase (badgeName). */}
      {view.blockers > 0 ? <>{' '}<span class="count" aria-hidden="true">{blockerCount(view.blockers)}</span></> : null}
    </span>
  );
}
