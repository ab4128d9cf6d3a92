import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_STATES } from '../lib/flow/flow-states';
import type { BadgeState, FlowView } from '../lib/flow-view';
import { FlowBadge } from './FlowBadge';
import { GLYPHS, GlyphsAt, placePath } from './StateGlyph';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const STATES: BadgeState[] = [...FLOW_STATES, 'error'];
const viewIn = (state: BadgeState, blockers = 0): FlowView => ({
  key: 'github:octo-org/api#7', url: 'https://github.com/octo-org/api/pull/7', title: 'Add retries', state, blockers,
  text: state === 'error' ? '!' : `${state} 2d`, label: `Pull request ${state} for 2 days. FlowLens: because. Show details.`,
});

afterEach(cleanup);

/** badge.css without its comments (vitest does not load CSS). */
const badgeCss = readFileSync(resolve(__dirname, 'badge.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** badge.css's rules, each its selectors and its declarations. */
const RULES = [...badgeCss.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, selectors, body]) => ({ selectors: selectors!.trim(), body: body!.replace(/\s+/g, ' ').trim() }));

/** badge.css's rules for a selector, one string (empty when it has none). */
function rulesFor(selector: string): string {
  return RULES.filter((rule) => rule.selectors.split(',').map((part) => part.trim()).includes(selector)).map((rule) => rule.body).join(' ');
}

/** The glyph a badge in `state` draws: its element, its name and the rules badge.css draws its shape with. */
function glyphOf(state: BadgeState, blockers = 0) {
  render(<FlowBadge view={viewIn(state, blockers)} now={NOW} />);
  const button = screen.getByRole('button');
  const glyph = button.querySelector('.glyph')!;
  const shape = [...glyph.classList].map((name) => rulesFor(`.badge .${name}`) + rulesFor(`.badge .${name}::before`)).join(' ').trim();
  return { button, glyph, shape, name: glyph.getAttribute('data-glyph') };
}

describe('the badge’s state glyphs', () => {
  it('draws each state with a shape of its own, beside the colour (was one 8 px dot for all); tests/e2e/states.test.mjs compares them drawn', () => {
    const shapes = STATES.map((state) => {
      const { glyph, shape, name } = glyphOf(state);
      expect(name).toBe(state);
      expect(glyph.getAttribute('aria-hidden')).toBe('true');
      expect(shape).toMatch(/background-image|content:/);
      cleanup();
      return shape;
    });
    expect(new Set(shapes).size).toBe(STATES.length);
  });

  it('draws no SVG and nothing positioned in a badge but its button: each would be a paint layer of its own', () => {
    const { button } = glyphOf('blocked', 2);
    expect(button.querySelector('svg')).toBeNull();
    const positioned = RULES.filter((rule) => /(^|[;\s])(position|isolation|transform|filter|opacity|clip-path|mask)\s*:/.test(rule.body));
    expect(positioned.map((rule) => rule.selectors)).toEqual(['.wrap.open', '.badge', '.card', '.card > .close']);
  });

  it('wears the FlowLens mark, hidden from assistive technology, with the name still led by what the badge shows', () => {
    const { button } = glyphOf('blocked');
    const mark = button.querySelector('[data-testid="flowlens-mark"]')!;
    expect(mark.getAttribute('aria-hidden')).toBe('true');
    expect(mark.textContent).toBe('');
    expect(button.querySelector('.pill')!.firstElementChild).toBe(mark);
    expect(button.getAttribute('aria-label')!.startsWith(button.textContent!)).toBe(true);
  });

  it('labels the blocker count, so "1" is not read as the site’s comment count', () => {
    const one = glyphOf('blocked', 1).button;
    expect(one.textContent).toBe('blocked 2d 1 blocker');
    expect(one.querySelector('.count')!.textContent).toBe('1 blocker');
    expect(one.getAttribute('aria-label')).toBe('blocked 2d 1 blocker: Pull request blocked for 2 days. FlowLens: because. Show details.');
    cleanup();
    expect(glyphOf('blocked', 3).button.querySelector('.count')!.textContent).toBe('3 blockers');
    cleanup();
    expect(glyphOf('flowing', 0).button.querySelector('.count')).toBeNull();
  });
});

describe('placePath (the aging chart draws each state\'s glyphs as one path)', () => {
  const numbers = (d: string) => (d.match(/-?(?:\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
  const commands = (d: string) => d.replace(/[^a-zA-Z]/g, '');

  it('leaves every glyph as it is at scale 1 in place', () => {
    for (const glyph of Object.values(GLYPHS)) {
      for (const d of [glyph.fill, glyph.stroke].filter((part): part is string => part !== undefined)) {
        expect(commands(placePath(d, 1, 0, 0))).toBe(commands(d));
        expect(numbers(placePath(d, 1, 0, 0))).toEqual(numbers(d));
      }
    }
  });

  it('moves absolute points, only scales relative ones, and keeps an arc\'s rotation and flags', () => {
    expect(placePath('M5 1h6l4 4v6l-4 4H5l-4-4V5z', 0.5, 10, 20)).toBe('M12.5 20.5 h3 l2 2 v3 l-2 2 H12.5 l-2 -2 V22.5 z');
    expect(placePath('M4.75 5.5a3.25 3.25 0 1 1 4.5 3c-.8.4-1.25 1-1.25 1.9', 2, 0, 0)).toBe('M9.5 11 a6.5 6.5 0 1 1 9 6 c-1.6 0.8 -2.5 2 -2.5 3.8');
    expect(placePath('A1 1 30 0 1 2 2', 2, 10, 10)).toBe('A2 2 30 0 1 14 14');
    // A moveto's further pairs are linetos of the same kind.
    expect(placePath('M0 0 1 1m1 1 2 2', 2, 10, 10)).toBe('M10 10 12 12 m2 2 4 4');
  });

  it('scales a path once per scale, and places it anywhere from that', () => {
    const d = 'M5 1h6l4 4v6l-4 4H5l-4-4V5z';
    expect(placePath(d, 1, 0, 0)).toBe('M5 1 h6 l4 4 v6 l-4 4 H5 l-4 -4 V5 z');
    expect(placePath(d, 2, 0, 0)).toBe('M10 2 h12 l8 8 v12 l-8 8 H10 l-8 -8 V10 z');
    expect(placePath(d, 1, 100, -1)).toBe('M105 0 h6 l4 4 v6 l-4 4 H105 l-4 -4 V4 z');
    expect(placePath(d, 1, 0, 0)).toBe('M5 1 h6 l4 4 v6 l-4 4 H5 l-4 -4 V5 z');
    // Numbers beyond a command's last whole set are dropped, as before.
    expect(placePath('M1 2 3', 1, 0, 0)).toBe('M1 2');
  });

  it('draws a state\'s glyphs as one or two paths, however many items', () => {
    render(<svg><GlyphsAt state="blocked" size={8} at={[{ x: 10, y: 10 }, { x: 30, y: 10 }, { x: 30, y: 10 }]} /></svg>);
    const group = document.querySelector('[data-glyph="blocked"]')!;
    expect(group.getAttribute('data-count')).toBe('3');
    const paths = group.querySelectorAll('path');
    expect(paths).toHaveLength(1);
    // Two octagons with their bars, filled by the non-zero rule: the same place twice is drawn once, and would look the same drawn twice.
    expect(paths[0]!.getAttribute('fill-rule')).toBe('nonzero');
    expect(paths[0]!.getAttribute('d')!.match(/M/g)).toHaveLength(4);
    expect(paths[0]!.getAttribute('d')!.startsWith('M8.5 6.5 h3 ')).toBe(true);
  });
});

describe('the glyphs\' holes under the non-zero rule', () => {
  /** Each subpath's signed area (shoelace), for paths of straight lines only (M, L, H, V, Z and their relative forms). */
  function signedAreas(d: string): number[] {
    const areas: number[] = [];
    let points: [number, number][] = [];
    let x = 0;
    let y = 0;
    let start: [number, number] = [0, 0];
    const close = () => {
      if (points.length > 2) areas.push(points.reduce((sum, [x1, y1], i) => { const [x2, y2] = points[(i + 1) % points.length]!; return sum + x1 * y2 - x2 * y1; }, 0) / 2);
      points = [];
    };
    for (const [, command, rest] of d.matchAll(/([MLHVZmlhvz])([^MLHVZmlhvz]*)/g)) {
      const n = (rest!.match(/-?(?:\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
      if (command === 'Z' || command === 'z') { close(); [x, y] = start; continue; }
      const step = command!.toLowerCase() === 'h' || command!.toLowerCase() === 'v' ? 1 : 2;
      for (let i = 0; i < n.length; i += step) {
        const rel = command === command!.toLowerCase();
        if (command!.toLowerCase() === 'h') x = (rel ? x : 0) + n[i]!;
        else if (command!.toLowerCase() === 'v') y = (rel ? y : 0) + n[i]!;
        else { x = (rel ? x : 0) + n[i]!; y = (rel ? y : 0) + n[i + 1]!; }
        if (command!.toLowerCase() === 'm' && i === 0) { close(); start = [x, y]; }
        points.push([x, y]);
      }
    }
    close();
    return areas;
  }

  it.each(['blocked', 'error'] as const)('%s: each hole winds against the shape around it', (state) => {
    const [outer, ...holes] = signedAreas(GLYPHS[state].fill!);
    expect(holes.length).toBeGreaterThan(0);
    for (const hole of holes) expect(Math.sign(hole)).toBe(-Math.sign(outer!));
  });
});
