import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../lib/flow-view';
import { FlowCard } from './FlowCard';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const view: FlowView = {
  key: 'jira:acme.atlassian.net/PAY-7',
  url: 'https://acme.atlassian.net/browse/PAY-7',
  title: 'Ledger export',
  state: 'flowing',
  blockers: 0,
  text: 'flowing',
  label: 'Jira issue flowing.',
};

afterEach(cleanup);

const sprintFact = () => [...screen.getByRole('dialog').querySelectorAll('.facts > div')].find((div) => div.querySelector('dt')?.textContent === 'Sprint')?.querySelector('dd')?.textContent;

describe('FlowCard sprint', () => {
  it('names the current sprint and how many sprints the issue was carried over', () => {
    render(<FlowCard id="c" view={{ ...view, sprint: { current: 'Sprint 9', carriedOver: 2 } }} now={NOW} onClose={() => {}} />);
    expect(sprintFact()).toBe('Sprint 9, carried over 2 sprints');
  });

  it('says one sprint in the singular, and only the name when it was not carried over', () => {
    render(<FlowCard id="c" view={{ ...view, sprint: { current: 'Sprint 9', carriedOver: 1 } }} now={NOW} onClose={() => {}} />);
    expect(sprintFact()).toBe('Sprint 9, carried over 1 sprint');
    cleanup();
    render(<FlowCard id="c" view={{ ...view, sprint: { current: 'Sprint 9', carriedOver: 0 } }} now={NOW} onClose={() => {}} />);
    expect(sprintFact()).toBe('Sprint 9');
  });

  it('has no sprint line without a sprint', () => {
    render(<FlowCard id="c" view={view} now={NOW} onClose={() => {}} />);
    expect(sprintFact()).toBeUndefined();
  });
});

describe('FlowCard upstream items FlowLens could not read', () => {
  const blocked: FlowView = {
    ...view,
    state: 'blocked',
    blockers: 2,
    unverified: 1,
    text: 'blocked',
    upstream: [
      { key: 'jira:acme.atlassian.net/PAY-4', open: true },
      { key: 'github:octo-org/secret#7', unreadable: 'octo-org/secret#7 was not found, or your token cannot read it.' },
      { key: 'github:octo-org/api#90' },
    ],
    sinceUnknown: { links: ['jira:acme.atlassian.net/PAY-4'], notBefore: '2026-11-01T09:00:00Z', notAfter: '2026-11-12T09:00:00Z' },
  };

  it('names each unread upstream item and why, and says the state is unverified', () => {
    render(<FlowCard id="c" view={blocked} now={NOW} onClose={() => {}} />);
    const rows = [...screen.getByTestId('flowlens-upstream').querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toEqual([
      'PAY-4 (open)',
      'octo-org/secret#7 (unverified: could not be read. octo-org/secret#7 was not found, or your token cannot read it.)',
      'octo-org/api#90 (unverified: not read yet)',
    ]);
    expect(screen.getByTestId('flowlens-unverified').textContent).toBe('Unverified: FlowLens could not read an upstream item this waits on, so it counts as blocking until it can be read.');
  });

  it('says the start was not recorded, with the bounds that hold, instead of a time', () => {
    render(<FlowCard id="c" view={blocked} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-since-unknown').textContent).toBe('Blocked sinceNot recorded: no source says when the link to PAY-4 was made; the block began no earlier than Sun 1 Nov (when the item was opened) and no later than Thu 12 Nov.');
  });
});

describe('FlowCard links', () => {
  // What a hostile answer could put in a view if the background let it through: the card is the last line.
  const hostile: FlowView = {
    ...view,
    url: 'javascript:alert(1)',
    state: 'blocked',
    upstream: [
      { key: 'jira:acme.atlassian.net/PAY-4', url: 'javascript:alert(2)', open: true },
      { key: 'jira:acme.atlassian.net/PAY-5', url: 'data:text/html,<script>alert(3)</script>', open: true },
      { key: 'jira:acme.atlassian.net/PAY-6', url: 'http://acme.atlassian.net/browse/PAY-6', open: true },
      { key: 'jira:acme.atlassian.net/PAY-8', url: 'https://acme.atlassian.net/browse/PAY-8', open: true },
    ],
    related: [{ key: 'github:octo-org/api#1', url: ' JavaScript:alert(4)' }],
    error: { code: 'sso-required', message: 'Authorise it.', helpUrl: 'javascript:alert(5)' },
  };

  it('renders no href that is not https', () => {
    render(<FlowCard id="c" view={hostile} now={NOW} onClose={() => {}} />);
    const hrefs = [...screen.getByRole('dialog').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://acme.atlassian.net/browse/PAY-8']);
    // The names stay, as text.
    expect(screen.getByTestId('flowlens-upstream').textContent).toContain('PAY-4');
    expect(screen.getByRole('alert').textContent).toBe('Authorise it.');
  });
});

describe('FlowCard durations', () => {
  it('says how long the block has lasted at least when its start was not recorded', () => {
    const bounded: FlowView = { ...view, state: 'blocked', sinceUnknown: { links: ['jira:acme.atlassian.net/PAY-4'], notAfter: '2026-11-17T06:00:00.000Z' }, bound: { notAfter: '2026-11-17T06:00:00.000Z', why: 'start not recorded; blocked at least since it was first seen, Tue 17 Nov' } };
    render(<FlowCard id="c" view={bounded} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-since-unknown').textContent).toBe('Blocked sinceNot recorded: no source says when the link to PAY-4 was made; the block began no later than Tue 17 Nov, so it has lasted ≥ 3 d.');
  });

  it('shows a merged item’s cycle time, opened → merged, not how long ago it was opened', () => {
    const merged: FlowView = { ...view, key: 'github:octo-org/api#4', state: 'done', text: 'merged 2 d', openedAt: '2026-10-01T08:00:00Z', resolved: { at: '2026-10-03T17:45:00Z', as: 'merged' } };
    render(<FlowCard id="c" view={merged} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-life').textContent).toBe('Cycle time2 d, opened → merged');
    expect(screen.getByRole('dialog').textContent).not.toContain('Open for');
  });

  it('shows an open item’s age in the badge’s unit: days, never weeks', () => {
    render(<FlowCard id="c" view={{ ...view, openedAt: '2026-11-03T11:00:00Z' }} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-life').textContent).toBe('Open for17 d');
  });
});
