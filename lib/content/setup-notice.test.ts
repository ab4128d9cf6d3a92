// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { errorView } from '../flow-view';
import { fakeClient } from '../testing/fake-client';
import { createBadgeHost } from './badge-host';
import { createSetupNotice, NOTICE_TAG } from './setup-notice';
import { HOST_RESET } from './shadow-host';

const refused = errorView('github:o/r#1', '', { code: 'unauthorized', message: 'GitHub refused the credentials (401). Check the token in FlowLens options.' });
const TYPES = ['keydown', 'keyup', 'keypress', 'click'] as const;

let listening = new AbortController();
afterEach(() => {
  listening.abort();
  listening = new AbortController();
  document.body.replaceChildren();
});

/** What reaches the page's own listeners on its document. */
function pageListeners(): string[] {
  const seen: string[] = [];
  for (const type of TYPES) document.addEventListener(type, (event) => seen.push(event.type), { signal: listening.signal });
  return seen;
}

/** Keys typed on `target` and a click on it, as a user's would arrive (bubbling, out of the shadow root). */
function typeAndClick(target: Element): void {
  for (const type of ['keydown', 'keyup', 'keypress'] as const) target.dispatchEvent(new KeyboardEvent(type, { key: 'k', bubbles: true, composed: true }));
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
}

/** The page's notice, offered a set-up error, and its shadow root. */
function shownNotice(): ShadowRoot {
  const { send } = fakeClient({ 'options/open': () => ({ ok: true, data: { opened: true } }) });
  createSetupNotice(send).offer(refused);
  return document.querySelector(NOTICE_TAG)!.shadowRoot!;
}

describe('the set-up notice, built as the badges are (review leftover 2)', () => {
  it('keeps keys typed and clicks made in it from the page’s own listeners', () => {
    const seen = pageListeners();
    const shadow = shownNotice();
    typeAndClick(shadow.querySelector('[data-testid="flowlens-notice-fix"]')!);
    typeAndClick(shadow.querySelector('button[aria-label="Close the FlowLens notice"]')!);
    expect(seen).toEqual([]);
    // The page still hears its own.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', bubbles: true }));
    expect(seen).toEqual(['keydown']);
  });

  it('keeps what an overlaid badge keeps, from the same builder', () => {
    const seen = pageListeners();
    const anchor = document.body.appendChild(document.createElement('a'));
    const badge = createBadgeHost({ anchor, overlaid: true }, '');
    badge.attach();
    const inside = badge.element.shadowRoot!.appendChild(document.createElement('button'));
    typeAndClick(inside);
    typeAndClick(shownNotice().querySelector('button')!);
    expect(seen).toEqual([]);
  });

  it('resets every inherited style first, with the same rule as a badge', () => {
    const anchor = document.body.appendChild(document.createElement('a'));
    const badge = createBadgeHost({ anchor }, '');
    const sheets = [shownNotice(), badge.element.shadowRoot!].map((root) => root.querySelector('style')!.textContent!);
    for (const sheet of sheets) expect(sheet.startsWith(HOST_RESET)).toBe(true);
    expect(sheets[0]).toContain('position: fixed !important');
  });
});

/** WCAG relative luminance of a #rrggbb colour (an alpha part, if any, is left out). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The `--notice-*` colours a block of declarations sets, by name. */
function fallbacks(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--notice-(fg|bg|border):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

describe('the set-up notice’s colours (review leftover 5)', () => {
  const sheet = () => shownNotice().querySelector('style')!.textContent!;

  it('takes its text, background and border from the site’s own tokens, as the badges do', () => {
    const notice = sheet().match(/\.notice \{([^}]*)\}/)![1]!;
    expect(notice).toContain('color: var(--fgColor-default, var(--ds-text, var(--notice-fg)))');
    expect(notice).toContain('background: var(--bgColor-default, var(--ds-surface-overlay, var(--notice-bg)))');
    expect(notice).toContain('border: 1px solid var(--borderColor-default, var(--ds-border, var(--notice-border)))');
    // No fixed colour left outside the fallbacks.
    expect(sheet().replace(/--notice-[a-z]+:\s*#[0-9a-f]+;/gi, '')).not.toMatch(/#[0-9a-f]{3,8}\b/i);
  });

  it('falls back to light text on a dark background and border when the system prefers dark', () => {
    const light = fallbacks(sheet().match(/:host \{([^}]*)\}/)![1]!);
    const dark = fallbacks(sheet().match(/@media \(prefers-color-scheme: dark\) \{\s*:host \{([^}]*)\}/)![1]!);
    expect(Object.keys(dark).sort()).toEqual(['bg', 'border', 'fg']);
    expect(luminance(light.fg!)).toBeLessThan(0.05);
    expect(luminance(light.bg!)).toBeGreaterThan(0.9);
    expect(luminance(dark.fg!)).toBeGreaterThan(0.8);
    expect(luminance(dark.bg!)).toBeLessThan(0.02);
    expect(luminance(dark.border!)).toBeLessThan(luminance(light.border!));
    // Readable: at least WCAG AA's 4.5:1 between the dark fallbacks' text and background.
    expect((luminance(dark.fg!) + 0.05) / (luminance(dark.bg!) + 0.05)).toBeGreaterThan(4.5);
  });
});
