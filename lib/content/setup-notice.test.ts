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
