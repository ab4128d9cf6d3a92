/**
 * One name a state everywhere: every place that names a state (the popup's counts, filters, list
 * and chart, the card, the Markdown export) takes it from lib/flow/flow-states.ts, so each finds
 * only STATE_WORDS' names. Before, failing was "fix", "needs the author", "need the author",
 * "needing the author" and "Author".
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLOW_STATES, NOT_DONE_STATES, STATE_WORDS, STUCK_STATES } from '../lib/flow/flow-states';
import type { FlowState } from '../lib/flow/model';
import { DAY } from '../lib/flow/time';
import { summaryMarkdown } from '../lib/team/summary-markdown';
import type { TeamItem, TeamSummary } from '../lib/team/summary-types';
import { FlowCard } from './FlowCard';
import { TeamView } from './popup/TeamView';

const NOW = Date.parse('2026-11-20T09:00:00Z');
/** The other names a state had: none may be left. */
const RETIRED = /\b(fix|author|need|needs|needing)\b/i;

const item = (state: FlowState, n: number): TeamItem => ({
  key: `jira:acme.atlassian.net/PAY-${n}`, source: 'jira', title: `Ticket ${n}`, url: `https://acme.atlassian.net/browse/PAY-${n}`,
  state, since: '2026-11-18T09:00:00Z', ageMs: n * DAY, people: ['Priya'], holdsUp: 0, blockedMs: 0, blockedByCluster: {},
});
const summary: TeamSummary = {
  at: NOW, items: NOT_DONE_STATES.map((state, i) => item(state, i + 1)), people: ['Priya'], clusters: [],
  criticalPath: { steps: [], ageMs: 0 }, topHolders: [],
} as unknown as TeamSummary;

afterEach(cleanup);

/** Every state-naming text of the popup, with the state it names. */
async function popupNames(): Promise<Array<[string, string]>> {
  render(<TeamView summary={summary} exporter={{ copy: vi.fn(), download: vi.fn() }} now={() => NOW} />);
  await screen.findByTestId('aging-chart');
  fireEvent.click(screen.getByText('Ages as a table'));
  const table = await screen.findByTestId('aging-table');
  const options = [...(screen.getByLabelText('State') as HTMLSelectElement).options].slice(1).map((o) => [o.value, o.textContent!] as [string, string]);
  const list = screen.getAllByTestId('stuck-item').map((li) => [li.className.replace(/.*state-/, ''), li.querySelector('.state')!.textContent!] as [string, string]);
  const axis = [...screen.getByTestId('aging-chart').querySelectorAll('text.axis-label')].slice(2).map((t, i) => [NOT_DONE_STATES[i]!, t.textContent!] as [string, string]);
  const rows = within(table).getAllByRole('row').slice(1).map((tr) => {
    const key = tr.querySelector('th')!.textContent!;
    return [summary.items.find((it) => it.key.endsWith(key))!.state, tr.querySelectorAll('td')[0]!.textContent!] as [string, string];
  });
  return [...options, ...list, ...axis, ...rows];
}

describe('one name a state', () => {
  it('is the only name the popup’s filters, list, chart and table use', async () => {
    const named = await popupNames();
    expect(named.length).toBe(NOT_DONE_STATES.length * 3 + STUCK_STATES.length);
    for (const [state, text] of named) expect(text.toLowerCase(), state).toBe(STATE_WORDS[state as FlowState]);
    const counts = [...screen.getByTestId('counts').querySelectorAll('button')].map((button) => button.textContent);
    expect(counts).toEqual(STUCK_STATES.map((state) => `1 ${STATE_WORDS[state]}`));
    expect(document.body.textContent).not.toMatch(RETIRED);
  });

  it('is the only name the card’s head and its upstream lines use', () => {
    for (const state of FLOW_STATES) {
      render(<FlowCard id="c" view={{ key: 'github:o/r#1', url: '', title: '', state, blockers: 0, text: '', label: '', upstream: [{ key: 'github:o/r#2', state }] }} now={NOW} onClose={() => {}} />);
      const card = screen.getByRole('dialog');
      expect(card.querySelector('header strong')!.textContent!.toLowerCase()).toBe(STATE_WORDS[state]);
      expect(card.textContent).toContain(`(${STATE_WORDS[state]})`);
      expect(card.textContent).not.toMatch(RETIRED);
      cleanup();
    }
  });

  it('is the only name the Markdown export uses', () => {
    const text = summaryMarkdown(summary, {}, NOW);
    expect(text).toContain(`**${STUCK_STATES.map((state) => `1 ${STATE_WORDS[state]}`).join(', ')}** of 5 open items.`);
    const lines = text.split('\n');
    const table = lines.slice(lines.indexOf('| Item | State | For | Cause | Owner | First move |') + 2);
    const cells = table.slice(0, table.findIndex((line) => !line.startsWith('|'))).map((line) => line.split(' | ')[1]!.toLowerCase());
    expect(cells).toEqual(STUCK_STATES.map((state) => STATE_WORDS[state]));
    expect(text).not.toMatch(RETIRED);
  });
});
