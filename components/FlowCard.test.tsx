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
