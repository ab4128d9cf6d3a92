/**
 * Where a badge's card goes: under the badge from its left edge when it fits, above it when the
 * window has no room below and more above, shifted left to stay inside the window's right edge,
 * and never over the badge (the card is always wholly below or wholly above it, and scrolls
 * within the room it has). Pure, so it can be tested without a layout engine.
 */

/** A box in the window's coordinates (a DOMRect's edges). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where the card goes, relative to the badge: above or below it, its left edge, its height at most. */
export interface CardPlace {
  above: boolean;
  /** The card's left edge, in pixels from the badge's left edge (0 or less). */
  left: number;
  maxHeight: number;
}

/** Pixels between the badge and its card. */
export const CARD_GAP = 4;
/** Pixels the card keeps from the window's edges. */
export const WINDOW_MARGIN = 8;

/** Places a card of `size` (its natural size) by `badge` in a window of `window`. */
export function placeCard(badge: Box, size: { width: number; height: number }, window: { width: number; height: number }): CardPlace {
  const below = window.height - badge.bottom - CARD_GAP - WINDOW_MARGIN;
  const aboveRoom = badge.top - CARD_GAP - WINDOW_MARGIN;
  const above = size.height > below && aboveRoom > below;
  const maxHeight = Math.max(0, Math.min(size.height, above ? aboveRoom : below));
  const overflow = badge.left + size.width - (window.width - WINDOW_MARGIN);
  const left = Math.max(Math.min(0, -overflow), WINDOW_MARGIN - badge.left);
  return { above, left: Math.min(0, left), maxHeight };
}

/**
 * Places the `.card` inside `wrap` (the badge's positioned wrapper) by its button: measures both
 * at their natural place, then writes the card's top or bottom, left and height at most.
 */
export function placeCardIn(wrap: HTMLElement | null): void {
  const card = wrap?.querySelector<HTMLElement>('.card');
  const button = wrap?.querySelector('button');
  if (!card || !button) return;
  for (const property of ['top', 'bottom', 'left', 'max-height']) card.style.removeProperty(property);
  const natural = card.getBoundingClientRect();
  const window = { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
  const place = placeCard(button.getBoundingClientRect(), natural, window);
  if (place.above) {
    card.style.top = 'auto';
    card.style.bottom = `calc(100% + ${CARD_GAP}px)`;
  }
  card.style.left = `${place.left}px`;
  // Only when the room is short: the card keeps its own height (and badge.css's limit) otherwise.
  if (place.maxHeight < natural.height) card.style.maxHeight = `${place.maxHeight}px`;
}
