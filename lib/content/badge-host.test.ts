// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createBadgeHost, BADGE_TAG } from './badge-host';

afterEach(() => document.body.replaceChildren());

/** A paragraph as GitHub renders a reference inside a comment's text. */
function sentence() {
  const p = document.body.appendChild(document.createElement('p'));
  p.append('Blocked by ');
  const link = p.appendChild(document.createElement('a'));
  link.href = 'https://github.com/o/r/pull/1';
  link.textContent = 'o/r#1';
  p.append('; the mock-up is in ');
  const next = p.appendChild(document.createElement('a'));
  next.textContent = 'a comment';
  p.append('.');
  return { p, link };
}

describe('badge host placement', () => {
  it('goes right after a link inside text, before the text that follows it', () => {
    const { p, link } = sentence();
    const host = createBadgeHost({ anchor: link }, '');
    host.attach();
    expect(link.nextSibling).toBe(host.element);
    expect(host.element.nextSibling?.textContent).toBe('; the mock-up is in ');
    expect(p.textContent).toBe('Blocked by o/r#1; the mock-up is in a comment.');
    expect([...p.childNodes].map((node) => node.nodeName)).toEqual(['#text', 'A', BADGE_TAG.toUpperCase(), '#text', 'A', '#text']);
  });

  it('goes back to the same place when attached again after the page removed it', () => {
    const { link } = sentence();
    const host = createBadgeHost({ anchor: link }, '');
    host.attach();
    host.element.remove();
    host.attach();
    expect(link.nextSibling).toBe(host.element);
  });

  it('goes inside the anchor at its end for an inside placement', () => {
    const { link } = sentence();
    const host = createBadgeHost({ anchor: link, placement: 'inside' }, '');
    host.attach();
    expect(link.lastChild).toBe(host.element);
  });

  it('starts its shadow root with a word joiner, so no line breaks between the link and the badge', () => {
    const { link } = sentence();
    const host = createBadgeHost({ anchor: link }, '');
    host.attach();
    const [style, joiner, mount] = [...host.element.shadowRoot!.childNodes];
    expect(style!.nodeName).toBe('STYLE');
    expect(joiner!.textContent).toBe('\u2060');
    expect((mount as HTMLElement).className).toBe('mount');
  });
});
