/**
 * The detail card a badge opens: the cause in plain words, what the item waits on (each
 * upstream item with its own state), total blocked time, the blocker cluster, how many items
 * it holds up, and the suggested moves with their rubric level — or what went wrong.
 */
import type { FlowView, MoveView, UpstreamView } from '../lib/flow-view';
import { formatDuration } from '../lib/format';
import { shortKey } from '../lib/flow/item-names';

/** Props of the card. */
export interface FlowCardProps {
  id: string;
  view: FlowView;
  now: number;
  onClose: () => void;
}

const STATE_WORDS: Record<FlowView['state'], string> = {
  blocked: 'Blocked',
  waiting: 'Waiting',
  failing: 'Needs the author',
  flowing: 'Flowing',
  done: 'Done',
  unknown: 'Flow state unknown',
  error: 'Could not load',
};

const CLUSTER_WORDS: Record<NonNullable<FlowView['cluster']>, string> = {
  review: 'review',
  ci: 'CI',
  conflict: 'merge conflict',
  dependency: 'dependency in the team',
  external: 'another team',
  decision: 'decision or requirements',
  environment: 'environment or release',
  unknown: 'not clear from the data',
};

/** The card, as a non-modal dialog under the badge. */
export function FlowCard({ id, view, now, onClose }: FlowCardProps) {
  const opened = view.openedAt ? Date.parse(view.openedAt) : NaN;
  const stuck = view.state === 'blocked' || view.state === 'waiting' || view.state === 'failing';
  return (
    <div id={id} class="card" role="dialog" aria-label={`FlowLens: ${view.title || view.key}`} data-testid="flowlens-card">
      <header>
        <strong class={`state state-${view.state}`}>{STATE_WORDS[view.state]}</strong>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {view.title ? <p class="title">{view.title}</p> : null}
      {view.cause ? <p data-testid="flowlens-cause">{view.cause}</p> : null}
      {view.upstream && view.upstream.length > 0 ? <Upstream title="Waits on" testId="flowlens-upstream" links={view.upstream} /> : null}
      {view.related && view.related.length > 0 ? <Upstream title={view.key.startsWith('jira:') ? 'Pull requests' : 'Jira'} testId="flowlens-related" links={view.related} /> : null}
      <Facts view={view} stuck={stuck} opened={opened} now={now} />
      {view.moves && view.moves.length > 0 ? <Moves moves={view.moves} /> : null}
      {view.note ? <p class="note">{view.note}</p> : null}
      {view.error ? <ErrorLine view={view} /> : null}
      <footer>
        {view.fetchedAt ? <span>{updated(now - view.fetchedAt)}</span> : null}
        {view.url ? (
          <a href={view.url} target="_blank" rel="noreferrer">
            Open item
          </a>
        ) : null}
      </footer>
    </div>
  );
}

function Facts({ view, stuck, opened, now }: { view: FlowView; stuck: boolean; opened: number; now: number }) {
  return (
    <dl class="facts">
      {Number.isFinite(opened) ? <Fact name="Open for" value={formatDuration(now - opened)} /> : null}
      {view.totalBlockedMs ? <Fact name="Blocked in all" value={formatDuration(view.totalBlockedMs)} /> : null}
      {stuck && view.cluster ? <Fact name="Cause" value={CLUSTER_WORDS[view.cluster]} /> : null}
      {view.holdsUp ? <Fact name="Holds up" value={`${view.holdsUp} item${view.holdsUp > 1 ? 's' : ''}`} /> : null}
      {view.subIssues ? <Fact name="Sub-issues done" value={`${view.subIssues.completed} of ${view.subIssues.total}`} /> : null}
      {view.sprint ? <Fact name="Sprint" value={sprintText(view.sprint)} /> : null}
    </dl>
  );
}

/** "Sprint 9", or "Sprint 9, carried over 2 sprints" when earlier sprints ended without it done. */
function sprintText(sprint: NonNullable<FlowView['sprint']>): string {
  if (sprint.carriedOver === 0) return sprint.current;
  return `${sprint.current}, carried over ${sprint.carriedOver} sprint${sprint.carriedOver > 1 ? 's' : ''}`;
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Upstream({ title, testId, links }: { title: string; testId: string; links: UpstreamView[] }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ul data-testid={testId}>
        {links.map((link) => {
          const name = shortKey(link.key);
          const state = link.state ? STATE_WORDS[link.state].toLowerCase() : link.open === false ? 'closed' : link.open ? 'open' : 'state unknown';
          return (
            <li key={link.key}>
              {link.url ? (
                <a href={link.url} target="_blank" rel="noreferrer">
                  {name}
                </a>
              ) : (
                name
              )}
              {link.title ? ` ${link.title}` : ''} <span class="muted">({state})</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Moves({ moves }: { moves: MoveView[] }) {
  return (
    <section aria-label="Suggested moves">
      <h3>Suggested moves</h3>
      <ol data-testid="flowlens-moves">
        {moves.map((move) => (
          <li key={move.text}>
            <span class="level" title={move.skill}>
              {move.level}
            </span>{' '}
            {move.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

function updated(age: number): string {
  return age < 60_000 ? 'Updated just now' : `Updated ${formatDuration(age)} ago`;
}

function ErrorLine({ view }: { view: FlowView }) {
  const error = view.error!;
  return (
    <p class="error" role="alert">
      {view.stale ? 'Showing saved data. ' : ''}
      {error.message}
      {error.helpUrl ? (
        <>
          {' '}
          <a href={error.helpUrl} target="_blank" rel="noreferrer">
            Fix it
          </a>
        </>
      ) : null}
    </p>
  );
}
