import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowView } from '../lib/flow-view';
import { formatDuration } from '../lib/format';
import { FlowCard, isItemPage } from './FlowCard';

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

describe('FlowCard head (issue 15)', () => {
  const DAY = 86_400_000;
  const held: FlowView = {
    ...view,
    key: 'github:octo-org/api#101',
    url: 'https://github.com/octo-org/api/pull/101',
    title: 'Add retry to payment webhook',
    state: 'blocked',
    since: new Date(NOW - 17 * DAY).toISOString(),
    blockers: 1,
    text: 'blocked 2w',
    cause: 'Blocked since Tue 3 Nov: labelled “blocked” and blocked by octo-org/web#14 (unverified).',
    headCause: 'waits on octo-org/web#14 (another team, unverified)',
    conditions: [
      { kind: 'check-failing', text: 'Required check “test (20)” failing', url: 'https://github.com/octo-org/api/actions/runs/2/job/21' },
      { kind: 'review-pending', text: 'Waiting for review from @bob', url: 'https://github.com/octo-org/api/pull/101' },
      { kind: 'upstream', text: 'Waits on octo-org/web#14 (another team, unverified)', url: 'https://github.com/octo-org/web/issues/14' },
      { kind: 'check-flaky', text: 'Optional check “lint” flaky: failed, then passed on a rerun', url: 'javascript:alert(1)' },
    ],
    moves: [
      { text: 'Ask the octo-org/web team for an interface and a date.', level: 'P4', skill: 'Integrations', tag: 'Level 4 · Coordinates integrations across teams' },
      { text: 'Fix “test (20)”.', level: 'P2', skill: 'Blockers' },
    ],
  };
  const blocks = () => [...screen.getByRole('dialog').querySelectorAll('p, ul, ol, dl, section')];

  it('says state, duration and cause on its first line and the next move, bold, on its second', () => {
    render(<FlowCard id="c" view={held} now={NOW} onClose={() => {}} />);
    const [first, second] = blocks();
    // The duration goes through formatDuration, so the card follows the badge's rule for it.
    expect(first!.textContent).toBe(`Blocked ${formatDuration(17 * DAY)} · waits on octo-org/web#14 (another team, unverified)`);
    expect(second!.textContent).toBe('Next: Ask the octo-org/web team for an interface and a date — Level 4 · Coordinates integrations across teams');
    expect(second!.querySelector('strong')?.textContent).toBe(second!.textContent);
    // The title and the cause in full are details, below the head and its conditions.
    expect(blocks().findIndex((b) => b.classList.contains('title'))).toBeGreaterThan(2);
  });

  it('lists what holds the item up third, in the order it was given, each linked where the link is https', () => {
    render(<FlowCard id="c" view={held} now={NOW} onClose={() => {}} />);
    const list = blocks()[2]!;
    expect(list.getAttribute('data-testid')).toBe('flowlens-conditions');
    expect([...list.querySelectorAll('li')].map((li) => [li.textContent, li.querySelector('a')?.getAttribute('href') ?? null])).toEqual([
      ['Required check “test (20)” failing', 'https://github.com/octo-org/api/actions/runs/2/job/21'],
      ['Waiting for review from @bob', 'https://github.com/octo-org/api/pull/101'],
      ['Waits on octo-org/web#14 (another team, unverified)', 'https://github.com/octo-org/web/issues/14'],
      ['Optional check “lint” flaky: failed, then passed on a rerun', null],
    ]);
  });

  it('leaves out what it does not know: no duration without a start, no move line without moves', () => {
    const { since: _, moves: __, ...bare } = held;
    render(<FlowCard id="c" view={bare} now={NOW} onClose={() => {}} />);
    expect(blocks()[0]!.textContent).toBe('Blocked · waits on octo-org/web#14 (another team, unverified)');
    expect(screen.queryByTestId('flowlens-next')).toBeNull();
    cleanup();
    render(<FlowCard id="c" view={{ ...view, state: 'done', text: 'merged', since: new Date(NOW - DAY).toISOString() }} now={NOW} onClose={() => {}} />);
    expect(blocks()[0]!.textContent).toBe('Merged');
  });
});

describe('FlowCard "Open item"', () => {
  const item: FlowView = { ...view, url: 'https://github.com/octo-org/api/pull/7' };
  const openItem = () => screen.queryByRole('link', { name: 'Open item' });

  it('is there for an item shown on another page (a list, another item)', () => {
    render(<FlowCard id="c" view={item} now={NOW} onClose={() => {}} pageUrl="https://github.com/octo-org/api/pulls" />);
    expect(openItem()?.getAttribute('href')).toBe('https://github.com/octo-org/api/pull/7');
    cleanup();
    render(<FlowCard id="c" view={item} now={NOW} onClose={() => {}} pageUrl="https://github.com/octo-org/api/pull/70" />);
    expect(openItem()).not.toBeNull();
  });

  it('is not there on the item’s own page, nor on its tabs', () => {
    for (const page of ['https://github.com/octo-org/api/pull/7', 'https://github.com/Octo-Org/api/pull/7/files', 'https://github.com/octo-org/api/pull/7#issuecomment-1']) {
      render(<FlowCard id="c" view={item} now={NOW} onClose={() => {}} pageUrl={page} />);
      expect(openItem(), page).toBeNull();
      cleanup();
    }
  });
});

describe('isItemPage', () => {
  it('tells the item’s own page from others', () => {
    expect(isItemPage('https://acme.atlassian.net/browse/PAY-42', 'https://acme.atlassian.net/browse/PAY-42?focusedCommentId=1')).toBe(true);
    expect(isItemPage('https://acme.atlassian.net/browse/PAY-4', 'https://acme.atlassian.net/browse/PAY-42')).toBe(false);
    expect(isItemPage('https://github.com/o/r/pull/7', 'https://github.example.com/o/r/pull/7')).toBe(false);
    expect(isItemPage('https://github.com/o/r/pull/7', undefined)).toBe(false);
    expect(isItemPage(undefined, 'https://github.com/o/r/pull/7')).toBe(false);
  });
});

describe('FlowCard durations', () => {
  it('says how long the block has lasted at least when its start was not recorded', () => {
    const bounded: FlowView = { ...view, state: 'blocked', sinceUnknown: { links: ['jira:acme.atlassian.net/PAY-4'], notAfter: '2026-11-17T06:00:00.000Z' }, bound: { notAfter: '2026-11-17T06:00:00.000Z', why: 'start not recorded; blocked at least since it was first seen, Tue 17 Nov' } };
    render(<FlowCard id="c" view={bounded} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-since-unknown').textContent).toBe('Blocked sinceNot recorded: no source says when the link to PAY-4 was made; the block began no later than Tue 17 Nov, so it has lasted ≥ 3 d.');
  });

  it('says a wait no event dates began no later than FlowLens first saw it, and how long it has lasted at least', () => {
    const waiting: FlowView = { ...view, state: 'waiting', sinceUnknown: { links: [], notBefore: '2026-11-01T09:00:00.000Z', notAfter: '2026-11-17T06:00:00.000Z' }, bound: { notAfter: '2026-11-17T06:00:00.000Z', why: 'start not recorded; waiting at least since it was first seen, Tue 17 Nov' } };
    render(<FlowCard id="c" view={waiting} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-since-unknown').textContent).toBe('Waiting sinceNot recorded: no source says when it began to be waiting; it began no earlier than Sun 1 Nov (when the item was opened) and no later than Tue 17 Nov (when FlowLens first saw it waiting), so it has lasted ≥ 3 d.');
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

describe('FlowCard on a GitHub Projects page', () => {
  it('says the time in the project column is not known, and only there', () => {
    const pull: FlowView = { ...view, key: 'github:octo-org/api#101', url: 'https://github.com/octo-org/api/pull/101', state: 'waiting' };
    render(<FlowCard id="c" view={pull} now={NOW} onClose={() => {}} pageUrl="https://github.com/orgs/octo-org/projects/7/views/2?layout=table" />);
    expect(screen.getByTestId('flowlens-project-column').textContent).toBe('In its project columnnot known: GitHub gives FlowLens no history of an item’s status in a project');
    cleanup();
    render(<FlowCard id="c" view={pull} now={NOW} onClose={() => {}} pageUrl="https://github.com/octo-org/api/pulls" />);
    expect(screen.queryByTestId('flowlens-project-column')).toBeNull();
    cleanup();
    render(<FlowCard id="c" view={{ ...pull, key: 'jira:acme.atlassian.net/PAY-1' }} now={NOW} onClose={() => {}} pageUrl="https://github.com/users/alice/projects/3" />);
    expect(screen.queryByTestId('flowlens-project-column')).toBeNull();
  });
});

describe('FlowCard: where the time went', () => {
  it('draws the life as a bar, says each kind’s share, and lists every stretch on demand', () => {
    const life = [
      { kind: 'neither' as const, start: '2026-11-10T09:00:00.000Z', end: '2026-11-11T09:00:00.000Z', ms: 86_400_000 },
      { kind: 'review' as const, start: '2026-11-11T09:00:00.000Z', end: '2026-11-14T09:00:00.000Z', ms: 3 * 86_400_000, open: true as const },
    ];
    render(<FlowCard id="c" view={{ ...view, state: 'waiting', life }} now={NOW} onClose={() => {}} />);
    const section = screen.getByTestId('flowlens-life-split');
    expect(section.querySelectorAll('.life-bar > span')).toHaveLength(2);
    expect(section.querySelector('.life-bar')!.getAttribute('aria-hidden')).toBe('true');
    expect(section.querySelector('.life-shares')!.textContent).toBe('Waiting for review 75 %, neither 25 %.');
    expect([...section.querySelectorAll('.life-list li')].map((li) => li.textContent)).toEqual([
      'Neither: Tue 10 Nov 09:00 UTC → Wed 11 Nov 09:00 UTC, 1 d',
      'Waiting for review: Wed 11 Nov 09:00 UTC → now, 3 d',
    ]);
  });

  it('shows none on an error card or without a life', () => {
    render(<FlowCard id="c" view={{ ...view, state: 'waiting' }} now={NOW} onClose={() => {}} />);
    expect(screen.queryByTestId('flowlens-life-split')).toBeNull();
  });
});

describe('FlowCard pace', () => {
  const DAY = 24 * 3_600_000;
  const lines = () => [...screen.getByTestId('flowlens-pace').querySelectorAll('dd')].map((dd) => dd.textContent);

  it('sets the current stretch and the age against the team’s, and says what from', () => {
    const pace: FlowView['pace'] = {
      stretch: { kind: 'review', ms: 3 * DAY, standing: { longerThan: 85, shorterThan: 10, sample: 40 } },
      age: { ms: 17 * DAY, standing: { longerThan: 20, shorterThan: 75, sample: 43 } },
      items: 43,
      windowDays: 90,
      at: Date.parse('2026-11-20T10:02:00Z'),
    };
    render(<FlowCard id="c" view={{ ...view, state: 'waiting', pace }} now={NOW} onClose={() => {}} />);
    expect(lines()).toEqual([
      'In review 3 d, longer than 85% of this team’s reviews in the last 90 days.',
      'Open 17 d, shorter than 75% of this team’s cycle times in the last 90 days.',
      'From 43 items this team finished in the last 90 days, 40 reviews among them (synced Fri 20 Nov 10:02 UTC); calendar time, as the badge counts it.',
    ]);
  });

  it('says when the team has too few of a kind, and a finished item’s cycle time', () => {
    const pace: FlowView['pace'] = { age: { ms: 2 * DAY }, items: 4, windowDays: 90 };
    render(<FlowCard id="c" view={{ ...view, state: 'done', text: 'merged 2 d', pace }} now={NOW} onClose={() => {}} />);
    expect(lines()).toEqual(['Cycle time 2 d; too few of this team’s cycle times to compare with yet (10 needed).', 'From 4 items this team finished in the last 90 days; calendar time, as the badge counts it.']);
  });

  it('says pace is not known without a team, and shows none for an error', () => {
    render(<FlowCard id="c" view={view} now={NOW} onClose={() => {}} />);
    expect(lines()).toEqual(['not known: FlowLens compares with the items your team finished, and none are synced yet (set the team’s sources in FlowLens’s options)']);
    cleanup();
    render(<FlowCard id="c" view={{ ...view, state: 'error', error: { code: 'offline', message: 'No network.' } }} now={NOW} onClose={() => {}} />);
    expect(screen.queryByTestId('flowlens-pace')).toBeNull();
  });
});

describe('FlowCard drift', () => {
  const drifted: FlowView = {
    ...view,
    headCause: 'octo-org/api#12 merged, PAY-7 not done',
    conditions: [{ kind: 'drift', text: 'Drift: octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress', url: 'https://acme.atlassian.net/browse/PAY-7' }],
    related: [{ key: 'github:octo-org/api#12', title: 'Retry the ledger export', url: 'https://github.com/octo-org/api/pull/12', state: 'done' }],
    moves: [{ text: 'octo-org/api#12 was merged on Thu 12 Nov while PAY-7 is still in In Progress: move PAY-7 on if that finished it.', level: 'P3', skill: 'Ensures that their team is communicating clearly so as to avoid blocking others when possible', tag: 'Level 3 · Communicates so as not to block others' }],
  };

  it('names the drift in the head, lists its line among the conditions, and gives its move with its rubric level', () => {
    render(<FlowCard id="c" view={drifted} now={NOW} onClose={() => {}} pageUrl="https://acme.atlassian.net/jira/software/projects/PAY/boards/1" />);
    expect(screen.getByTestId('flowlens-head').textContent).toBe('Flowing · octo-org/api#12 merged, PAY-7 not done');
    const line = within(screen.getByRole('list', { name: 'What holds it up' })).getByRole('link', { name: 'Drift: octo-org/api#12 was merged Thu 12 Nov; PAY-7 is still in In Progress' });
    expect(line.closest('li')?.dataset.kind).toBe('drift');
    expect(screen.getByTestId('flowlens-next').textContent).toBe('Next: octo-org/api#12 was merged on Thu 12 Nov while PAY-7 is still in In Progress: move PAY-7 on if that finished it — Level 3 · Communicates so as not to block others');
  });
});

describe('FlowCard: numbers you can trace', () => {
  const HISTORY = 'https://acme.atlassian.net/browse/PAY-7?page=com.atlassian.jira.plugin.system.issuetabpanels:changehistory-tabpanel';
  // Hand-written: blocked since Tue 17 Nov 10:02 by a flag its assignee set; blocked before from
  // a label to its removal (working time); open for 10 d from its opening, whose link is not recorded.
  const traced: FlowView = {
    ...view, state: 'blocked', since: '2026-11-17T10:02:00.000Z', text: 'blocked 3 d', totalBlockedMs: 4 * 86_400_000, openedAt: '2026-11-10T12:00:00.000Z',
    traces: {
      state: { time: 'calendar', ms: 3 * 86_400_000, spans: [{ start: '2026-11-17T10:02:00.000Z', ms: 3 * 86_400_000, from: [{ at: '2026-11-17T10:02:00.000Z', words: 'flagged', by: 'its assignee', url: HISTORY }], to: [] }] },
      blocked: {
        time: 'working', ms: 2 * 86_400_000,
        spans: [{ start: '2026-11-11T09:00:00.000Z', end: '2026-11-12T09:00:00.000Z', ms: 86_400_000, from: [{ at: '2026-11-11T09:00:00.000Z', words: 'labelled “blocked”', by: '@kim', url: HISTORY }], to: [{ at: '2026-11-12T09:00:00.000Z', words: 'label “blocked” removed', url: 'javascript:alert(1)' }] }],
      },
      life: { time: 'calendar', ms: 10 * 86_400_000, spans: [{ start: '2026-11-10T12:00:00.000Z', ms: 10 * 86_400_000, from: [{ at: '2026-11-10T12:00:00.000Z', words: 'opened' }], to: [] }] },
    },
  };
  const figure = (name: string) => screen.getByRole('dialog').querySelector<HTMLButtonElement>(`button.figure[data-figure="${name}"]`)!;
  const panel = (button: HTMLButtonElement) => (button.getAttribute('aria-controls') ? screen.getByRole('dialog').querySelector(`[id="${button.getAttribute('aria-controls')}"]`) : null);

  it('keeps the head one line: the duration is a closed disclosure button, its events on demand', () => {
    render(<FlowCard id="c" view={traced} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-head').textContent).toBe('Blocked 3 d');
    const head = figure('state');
    expect([head.textContent, head.getAttribute('aria-expanded'), head.getAttribute('aria-controls')]).toEqual(['3 d', 'false', null]);
    expect(screen.queryByTestId('flowlens-trace')).toBeNull();
    // Its description says what it opens, for a screen reader.
    expect(screen.getByRole('dialog').querySelector(`[id="${head.getAttribute('aria-describedby')}"]`)?.textContent).toBe('Shows the events this figure was computed from.');
  });

  it('opens the head’s sources: the flag that began it, by its assignee, linked to the history, in calendar time', () => {
    render(<FlowCard id="c" view={traced} now={NOW} onClose={() => {}} />);
    fireEvent.click(figure('state'));
    const opened = panel(figure('state'))!;
    expect(figure('state').getAttribute('aria-expanded')).toBe('true');
    expect([opened.getAttribute('role'), opened.getAttribute('aria-label')]).toEqual(['group', 'Sources of Blocked 3 d']);
    expect(opened.querySelector('.trace-time')?.textContent).toBe('Counts calendar time.');
    expect(opened.querySelector('li')?.textContent).toBe('flagged Tue 17 Nov 10:02 UTC by its assignee → now, 3 d');
    expect([...opened.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['flagged Tue 17 Nov 10:02 UTC by its assignee', HISTORY]]);
    fireEvent.click(figure('state'));
    expect(figure('state').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('flowlens-trace')).toBeNull();
  });

  it('shows blocked in all in working time, says so, and links only https sources', () => {
    render(<FlowCard id="c" view={traced} now={NOW} onClose={() => {}} />);
    expect(figure('Blocked in all').textContent).toBe('2 d');
    fireEvent.click(figure('Blocked in all'));
    const opened = panel(figure('Blocked in all'))!;
    expect(opened.querySelector('.trace-time')?.textContent).toBe('Counts working time: only your working days, days off left out.');
    expect(opened.querySelector('li')?.textContent).toBe('labelled “blocked” Wed 11 Nov 09:00 UTC by @kim → label “blocked” removed Thu 12 Nov 09:00 UTC (where it was seen is not recorded), 1 d');
    expect([...opened.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([HISTORY]);
  });

  it('says where an event was seen is not recorded, and a figure without a trace says its source is not recorded', () => {
    render(<FlowCard id="c" view={traced} now={NOW} onClose={() => {}} />);
    fireEvent.click(figure('Open for'));
    expect(panel(figure('Open for'))!.querySelector('li')?.textContent).toBe('opened Tue 10 Nov 12:00 UTC (where it was seen is not recorded) → now, 10 d');
    cleanup();
    render(<FlowCard id="c" view={{ ...traced, traces: undefined }} now={NOW} onClose={() => {}} />);
    fireEvent.click(figure('Blocked in all'));
    expect(figure('Blocked in all').textContent).toBe(formatDuration(4 * 86_400_000));
    expect(panel(figure('Blocked in all'))!.textContent).toBe('Source not recorded: FlowLens did not keep the events behind this figure.');
  });

  it('opens each stretch of where the time went at its two ends', () => {
    const life = [{ kind: 'blocked' as const, start: '2026-11-17T10:02:00.000Z', end: '2026-11-20T10:02:00.000Z', ms: 3 * 86_400_000, open: true as const, trace: traced.traces!.state! }];
    render(<FlowCard id="c" view={{ ...traced, life }} now={NOW} onClose={() => {}} />);
    const stretch = figure('stretch 1');
    expect(stretch.textContent).toBe('Blocked by another item or team: Tue 17 Nov 10:02 UTC → now, 3 d');
    fireEvent.click(stretch);
    expect(panel(stretch)!.querySelector('a')?.getAttribute('href')).toBe(HISTORY);
  });

  it('cites a merged item’s head, its cycle time, as its state word’s duration', () => {
    const merged: FlowView = { ...traced, state: 'done', text: 'merged 2 d', resolved: { at: '2026-10-03T17:45:00Z', as: 'merged' }, openedAt: '2026-10-01T08:00:00Z' };
    render(<FlowCard id="c" view={merged} now={NOW} onClose={() => {}} />);
    expect(screen.getByTestId('flowlens-head').textContent).toBe('Merged 2 d');
    expect(figure('state').textContent).toBe('2 d');
  });
});
