import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_STATES } from '../lib/flow/flow-states';
import type { BadgeState, FlowView } from '../lib/flow-view';
import { FlowBadge } from './FlowBadge';
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
