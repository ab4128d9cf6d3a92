import { describe, expect, it } from 'vitest';
import { CARD_GAP, placeCard, WINDOW_MARGIN, type Box } from './card-place';

const WINDOW = { width: 1280, height: 800 };
const CARD = { width: 320, height: 300 };
const badge = (left: number, top: number): Box => ({ left, top, right: left + 90, bottom: top + 24 });
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The card's box in the window, from its place. */
function cardBox(at: Box, place: ReturnType<typeof placeCard>): Box {
  const left = at.left + place.left;
  const top = place.above ? at.top - CARD_GAP - place.maxHeight : at.bottom + CARD_GAP;
  return { left, top, right: left + CARD.width, bottom: top + place.maxHeight };
}

describe('placeCard', () => {
  it('opens below the badge from its left edge when there is room', () => {
    expect(placeCard(badge(100, 100), CARD, WINDOW)).toEqual({ above: false, left: 0, maxHeight: 300 });
  });

  it('flips above the badge at the window’s bottom edge', () => {
    const at = badge(100, 700);
    const place = placeCard(at, CARD, WINDOW);
    expect(place.above).toBe(true);
    const box = cardBox(at, place);
    expect(box.top).toBeGreaterThanOrEqual(WINDOW_MARGIN);
    expect(intersects(box, at)).toBe(false);
  });

  it('shifts left to stay inside the window’s right edge', () => {
    const at = badge(1100, 100);
    const place = placeCard(at, CARD, WINDOW);
    expect(place.left).toBe(1280 - WINDOW_MARGIN - 320 - 1100);
    expect(cardBox(at, place).right).toBe(1280 - WINDOW_MARGIN);
  });

  it('never goes past the window’s left edge, however narrow the window', () => {
    const at = badge(20, 100);
    const place = placeCard(at, CARD, { width: 300, height: 800 });
    expect(at.left + place.left).toBe(WINDOW_MARGIN);
  });

  it('fits the card to the larger room when it fits neither above nor below, without covering the badge', () => {
    const at = badge(100, 250);
    const place = placeCard(at, { width: 320, height: 900 }, WINDOW);
    expect(place.above).toBe(false);
    expect(place.maxHeight).toBe(800 - 274 - CARD_GAP - WINDOW_MARGIN);
    const box = cardBox(at, place);
    expect(box.bottom).toBeLessThanOrEqual(800 - WINDOW_MARGIN);
    expect(intersects(box, at)).toBe(false);
  });

  it('never covers its badge, wherever the badge is in the window', () => {
    for (let top = 0; top <= 776; top += 97) {
      for (let left = 0; left <= 1190; left += 170) {
        const at = badge(left, top);
        expect(intersects(cardBox(at, placeCard(at, CARD, WINDOW)), at), `${left},${top}`).toBe(false);
      }
    }
  });
});
