/**
 * The detail card a badge opens: the cause in plain words, what the item waits on (each
 * upstream item with its own state), total blocked time, the blocker cluster, how many items
 * it holds up, and the suggested moves with their rubric level — or what went wrong.
 */
import type { FlowView, MoveView, UpstreamView } from '../lib/flow-view';
import { lifeFact } from '../lib/flow-view';
import { formatAtLeast, formatDuration } from '../lib/format';
import { shortKey } from '../lib/flow/item-names';
import { listOf, shortDate } from '../lib/flow/cause-text';
import { CLUSTER_WORDS } from '../lib/flow/clusters';
import { isStuck, stateName, STATE_WORDS } from '../lib/flow/flow-states';
import { httpsHref } from '../lib/safe-url';
import { MINUTE, parseTime } from '../lib/flow/time';

/** Props of the card. */
export interface FlowCardProps {
  id: string;
  view: FlowView;
  now: number;
  onClose: () => void;
}

/** The card, as a non-modal dialog under the badge. */
export function FlowCard({ id, view, now, onClose }: FlowCardProps) {
  const stuck = isStuck(view.state);
  const href = httpsHref(view.url);
  return (
    <div id={id} class="card" role="dialog" aria-label={`FlowLens: ${view.title || view.key}`} data-testid="flowlens-card">
      <header>
        <strong class={`state state-${view.state}`}>{view.state === 'error' ? 'Could not load' : stateName(view.state)}</strong>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {view.title ? <p class="title">{view.title}</p> : null}
      {view.cause ? <p data-testid="flowlens-cause">{view.cause}</p> : null}
      {view.upstream && view.upstream.length > 0 ? <Upstream title="Waits on" testId="flowlens-upstream" links={view.upstream} /> : null}
      {view.related && view.related.length > 0 ? <Upstream title={view.key.startsWith('jira:') ? 'Pull requests' : 'Jira'} testId="flowlens-related" links={view.related} /> : null}
      <Facts view={view} stuck={stuck} now={now} />
      {view.moves && view.moves.length > 0 ? <Moves moves={view.moves} /> : null}
      {view.unverified ? <p class="note" data-testid="flowlens-unverified">{unverifiedText(view.unverified)}</p> : null}
      {view.note ? <p class="note">{view.note}</p> : null}
      {view.error ? <ErrorLine view={view} /> : null}
      <footer>
        {view.fetchedAt ? <span>{updated(now - view.fetchedAt)}</span> : null}
        {href ? (
          <a href={href} target="_blank" rel="noreferrer">
            Open item
          </a>
        ) : null}
      </footer>
    </div>
  );
}

function Facts({ view, stuck, now }: { view: FlowView; stuck: boolean; now: number }) {
  const life = lifeFact(view, now);
  return (
    <dl class="facts">
      {life ? <Fact name={life.name} value={life.value} testId="flowlens-life" /> : null}
      {view.sinceUnknown ? <Fact name="Blocked since" value={sinceUnknownText(view.sinceUnknown, view.bound ? now - parseTime(view.bound.notAfter) : undefined)} testId="flowlens-since-unknown" /> : null}
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

/** An unverified blocker in words: what it means for the state. */
function unverifiedText(count: number): string {
  const items = count > 1 ? `${count} upstream items` : 'an upstream item';
  return `Unverified: FlowLens could not read ${items} this waits on, so ${count > 1 ? 'each counts' : 'it counts'} as blocking until it can be read.`;
}

/**
 * "Not recorded: no source says when the link to PAY-4 was made; the block began no earlier
 * than Sun 1 Nov (when the item was opened) and no later than Thu 12 Nov, so it has lasted ≥ 3 d."
 * Never a made-up time: `lastedMs`, the lower bound (now − notAfter), is said only as a bound.
 */
export function sinceUnknownText(unknown: NonNullable<FlowView['sinceUnknown']>, lastedMs?: number): string {
  const links = listOf(unknown.links.map(shortKey));
  const earliest = unknown.notBefore ? ` no earlier than ${shortDate(unknown.notBefore)} (when the item was opened)` : '';
  const latest = unknown.notAfter ? ` no later than ${shortDate(unknown.notAfter)}` : '';
  const bounds = earliest || latest ? `; the block began${earliest}${earliest && latest ? ' and' : ''}${latest}` : '';
  const lasted = lastedMs === undefined ? '' : `, so it has lasted ${formatAtLeast(lastedMs)}`;
  return `Not recorded: no source says when the link to ${links} was made${bounds}${lasted}.`;
}

function Fact({ name, value, testId }: { name: string; value: string; testId?: string }) {
  return (
    <div {...(testId ? { 'data-testid': testId } : {})}>
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
          const state = upstreamState(link);
          const href = httpsHref(link.url);
          return (
            <li key={link.key}>
              {href ? (
                <a href={href} target="_blank" rel="noreferrer">
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

/** An upstream item's state in the card: its own state, open or closed, or why it is not known. */
function upstreamState(link: UpstreamView): string {
  if (link.state) return STATE_WORDS[link.state];
  if (link.open !== undefined) return link.open ? 'open' : 'closed';
  return link.unreadable ? `unverified: could not be read. ${link.unreadable}` : 'unverified: not read yet';
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
  return age < MINUTE ? 'Updated just now' : `Updated ${formatDuration(age)} ago`;
}

function ErrorLine({ view }: { view: FlowView }) {
  const error = view.error!;
  const help = httpsHref(error.helpUrl);
  return (
    <p class="error" role="alert">
      {view.stale ? 'Showing saved data. ' : ''}
      {error.message}
      {help ? (
        <>
          {' '}
          <a href={help} target="_blank" rel="noreferrer">
            Fix it
          </a>
        </>
      ) : null}
    </p>
  );
}
