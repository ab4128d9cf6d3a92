import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowView } from '../lib/flow-view';
import { FlowBadge } from './FlowBadge';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const view: FlowView = {
  key: 'github:octo-org/api#7',
  url: 'https://github.com/octo-org/api/pull/7',
  title: '<b>bold</b> & <script>alert(1)</script>',
  state: 'unknown',
  blockers: 2,
  text: 'open 3 d',
  label: 'Pull request open for 3 days. FlowLens: flow state unknown. Show details.',
  openedAt: '2026-11-17T12:00:00Z',
  fetchedAt: NOW - 5 * 60_000,
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('FlowBadge', () => {
  it('is a labelled button that toggles its card', () => {
    render(<FlowBadge view={view} now={NOW} />);
    // Its name holds what it shows, the labelled blocker count beside the text included (label
    // in name), then the words.
    const button = screen.getByRole('button', { name: `open 3 d 2 blockers: ${view.label}` });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent).toBe('open 3 d 2 blockers');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const card = screen.getByRole('dialog');
    expect(button.getAttribute('aria-controls')).toBe(card.id);
    expect(card.textContent).toContain('Open for3 d');
    expect(card.textContent).toContain('Updated 5 m ago');
  });

  it('renders titles as text, never as markup', () => {
    render(<FlowBadge view={view} now={NOW} />);
    fireEvent.click(screen.getByRole('button'));
    const card = screen.getByRole('dialog');
    expect(card.querySelector('b, script')).toBeNull();
    expect(card.textContent).toContain('<b>bold</b> & <script>alert(1)</script>');
  });

  it('closes on an Escape pressed as soon as the card is on the page, before the browser has painted it', async () => {
    render(<FlowBadge view={view} now={NOW} />);
    const button = screen.getByRole('button');
    // Outside testing-library's act, which would run every effect at once: Preact renders in a
    // microtask and runs plain effects only after a frame.
    button.click();
    await Promise.resolve();
    await Promise.resolve();
    expect(screen.queryByRole('dialog')).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Escape and gives focus back to the badge', () => {
    render(<FlowBadge view={view} now={NOW} />);
    const button = screen.getByRole('button');
    fireEvent.click(button);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('says what went wrong, with the way to fix it', () => {
    const failed: FlowView = { ...view, state: 'error', stale: true, error: { code: 'sso-required', message: 'SSO needed.', helpUrl: 'https://github.com/orgs/octo-org/sso' } };
    render(<FlowBadge view={failed} now={NOW} />);
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('alert').textContent).toBe('Showing saved data. SSO needed. Fix it');
    expect(screen.getByRole('link', { name: 'Fix it' }).getAttribute('href')).toBe('https://github.com/orgs/octo-org/sso');
  });

  it('shows a quiet placeholder while loading', () => {
    render(<FlowBadge view={undefined} now={NOW} />);
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('FlowLens is loading this item');
  });

  it('closes on a click outside it, and stays open on a click inside it', () => {
    render(<FlowBadge view={view} now={NOW} />);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.click(screen.getByRole('dialog').querySelector('dl')!);
    expect(screen.queryByRole('dialog')).not.toBeNull();
    fireEvent.click(document.body);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens its card above the badge and shifted left near the window’s bottom right corner', () => {
    // happy-dom lays nothing out: the boxes are given, a badge at the corner of a 1024×768 window.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const box = this.tagName === 'BUTTON' ? { left: 900, top: 720, width: 90, height: 24 } : { left: 900, top: 748, width: 320, height: 300 };
      return { ...box, x: box.left, y: box.top, right: box.left + box.width, bottom: box.top + box.height, toJSON: () => box } as DOMRect;
    });
    vi.spyOn(document.documentElement, 'clientWidth', 'get').mockReturnValue(1024);
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(768);
    render(<FlowBadge view={view} now={NOW} />);
    fireEvent.click(screen.getByRole('button'));
    const card = screen.getByRole('dialog');
    expect(card.style.top).toBe('auto');
    expect(card.style.bottom).toBe('calc(100% + 4px)');
    expect(card.style.left).toBe(`${1024 - 8 - 320 - 900}px`);
  });
});

describe('FlowBadge of a broken set-up (issue 15)', () => {
  const setup: FlowView = { key: 'github:octo-org/api#7', url: '', title: '', state: 'error', blockers: 0, text: 'set up', label: 'FlowLens needs to be set up: Bad token.', setup: true, error: { code: 'unauthorized', message: 'Bad token.' } };

  it('renders the grey set-up form, and its card says the sentence once with a way to fix it', () => {
    const onFixSetup = vi.fn();
    render(<FlowBadge view={setup} now={NOW} onFixSetup={onFixSetup} />);
    const button = screen.getByTestId('flowlens-badge-button');
    expect(button.classList.contains('setup')).toBe(true);
    expect(button.classList.contains('state-error')).toBe(true);
    expect(button.textContent).toBe('set up');
    fireEvent.click(button);
    expect(screen.getByTestId('flowlens-head').textContent).toBe('FlowLens needs setting up');
    expect(screen.getByRole('alert').textContent).toBe('Bad token.');
    fireEvent.click(screen.getByRole('button', { name: 'Fix in FlowLens settings' }));
    expect(onFixSetup).toHaveBeenCalledOnce();
  });

  it('keeps the error form for an item’s own error', () => {
    render(<FlowBadge view={{ ...setup, setup: undefined, text: '!', error: { code: 'not-found', message: 'Gone.' } } as FlowView} now={NOW} onFixSetup={() => undefined} />);
    expect(screen.getByTestId('flowlens-badge-button').classList.contains('setup')).toBe(false);
    fireEvent.click(screen.getByTestId('flowlens-badge-button'));
    expect(screen.queryByRole('button', { name: 'Fix in FlowLens settings' })).toBeNull();
  });
});
