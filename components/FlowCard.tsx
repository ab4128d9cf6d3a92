/**
 * The detail card a badge opens. Its head is the answer: the state, for how long and why on the
 * first line, the next move in bold on the second, then every condition that holds the item up,
 * each linked to where it can be acted on. Then the details: the cause in plain words, what the item waits on (each
 * upstream item with its own state), total blocked time, the blocker cluster, how many items
 * it holds up, and the suggested moves with their rubric level — or what went wrong.
 */
import type { ConditionView } from '../lib/card-conditions';
import type { FlowView, MoveView, UpstreamView } from '../lib/flow-view';
import type { Trace } from '../lib/figure-sources';
import type { FlowState } from '../lib/flow/model';
import { FIX_SETUP_TEXT, lifeFact, timeInState } from '../lib/flow-view';
import { formatAtLeast, formatDuration } from '../lib/format';
import { shortKey } from '../lib/flow/item-names';
import { listOf, sentenceStart, shortDate } from '../lib/flow/cause-text';
import { CLUSTER_WORDS } from '../lib/flow/clusters';
import { isStuck, stateName, STATE_WORDS } from '../lib/flow/flow-states';
import { levelName } from '../lib/flow/rubric';
import { httpsHref } from '../lib/safe-url';
import { isGithubProjectPath } from '../lib/item-key';
import { LifeSplit } from './LifeSplit';
import { Pace } from './Pace';
import { Figure, FigureButton, FigureHint, TracePanel, useDisclosure } from './FigureTrace';
import { MINUTE, parseTime } from '../lib/flow/time';

/** Props of the card. */
export interface FlowCardProps {
  id: string;
  view: FlowView;
  now: number;
  onClose: () => void;
  /** The page the card is shown on; on the item's own page the card has no "Open item". */
  pageUrl?: string;
  /** Opens FlowLens's settings, offered by the card of a set-up error. */
  onFixSetup?: () => void;
}

/** The card, as a non-modal dialog under the badge. */
export function FlowCard({ id, view, now, onClose, pageUrl = globalThis.location?.href, onFixSetup }: FlowCardProps) {
  const stuck = isStuck(view.state);
  const href = httpsHref(view.url);
  const ownPage = isItemPage(href, pageUrl);
  return (
    <div id={id} class="card" role="dialog" aria-label={`FlowLens: ${view.title || view.key}`} data-testid="flowlens-card">
      <button type="button" class="close" aria-label="Close" onClick={onClose}>
        ×
      </button>
      <FigureHint id={`${id}-figure-hint`} />
      <header class="head">
        <HeadState id={id} view={view} now={now} />
        {view.moves && view.moves.length > 0 ? (
          <p class="head-next" data-testid="flowlens-next">
            <strong>{nextText(view.moves[0]!)}</strong>
          </p>
        ) : null}
      </header>
      {view.conditions && view.conditions.length > 0 ? <Conditions conditions={view.conditions} /> : null}
      {view.title ? <p class="title">{view.title}</p> : null}
      {view.cause ? <p data-testid="flowlens-cause">{view.cause}</p> : null}
      {view.upstream && view.upstream.length > 0 ? <Upstream title="Waits on" testId="flowlens-upstream" links={view.upstream} /> : null}
      {view.related && view.related.length > 0 ? <Upstream title={view.key.startsWith('jira:') ? 'Pull requests' : 'Jira'} testId="flowlens-related" links={view.related} /> : null}
      <Facts id={id} view={view} stuck={stuck} now={now} onProject={view.key.startsWith('github:') && onProjectPage(pageUrl)} />
      {view.moves && view.moves.length > 0 ? <Moves moves={view.moves} /> : null}
      {view.life && view.life.length > 0 && view.state !== 'error' ? <LifeSplit life={view.life} id={`${id}-life`} hint={`${id}-figure-hint`} /> : null}
      {view.unverified ? <p class="note" data-testid="flowlens-unverified">{unverifiedText(view.unverified)}</p> : null}
      {view.note ? <p class="note">{view.note}</p> : null}
      {view.error ? <ErrorLine view={view} /> : null}
      {view.setup && onFixSetup ? (
        <button type="button" class="fix-setup" data-testid="flowlens-fix-setup" onClick={onFixSetup}>
          {FIX_SETUP_TEXT}
        </button>
      ) : null}
      <footer>
        {view.fetchedAt ? <span>{updated(now - view.fetchedAt)}</span> : null}
        {href && !ownPage ? (
          <a href={href} target="_blank" rel="noreferrer">
            Open item
          </a>
        ) : null}
      </footer>
    </div>
  );
}

/** The head's state word: the state, how a done item ended ("Merged"), that FlowLens needs setting up, or that it could not be loaded. */
function stateWord(view: FlowView): string {
  if (view.setup) return 'FlowLens needs setting up';
  if (view.state === 'error') return 'Could not load';
  if (view.state === 'done') return sentenceStart(view.text || 'done');
  return stateName(view.state);
}

/**
 * The head's first line: the state word, how long (a figure that opens the events it began
 * with, FigureTrace), and the cause. A done item's duration is its cycle time ("Merged 2 d").
 */
function HeadState({ id, view, now }: { id: string; view: FlowView; now: number }) {
  const [open, toggle] = useDisclosure();
  const { word, age, cause } = headParts(view, now);
  const panel = `${id}-state-sources`;
  return (
    <>
      <p class="head-state" data-testid="flowlens-head">
        <strong class={`state state-${view.state}`}>{word}</strong>
        {age ? ' ' : ''}
        {age ? (
          <FigureButton open={open} onToggle={toggle} panel={panel} name="state" hint={`${id}-figure-hint`}>
            {age}
          </FigureButton>
        ) : null}
        {cause ? ` · ${cause}` : ''}
      </p>
      {age && open ? <TracePanel id={panel} name={`${word} ${age}`} trace={view.traces?.state} /> : null}
    </>
  );
}

/** The head's first line in parts: the state word, its duration (when known) and the cause. */
export function headParts(view: FlowView, now: number): { word: string; age?: string; cause?: string } {
  const cause = view.headCause ? { cause: view.headCause } : {};
  if (view.state === 'done' && view.resolved) {
    // The done item's text is "merged 2 d": how it ended, then its cycle time.
    const [ended = 'done', ...rest] = (view.text || 'done').split(' ');
    return { word: sentenceStart(ended), ...(rest.length > 0 ? { age: rest.join(' ') } : {}), ...cause };
  }
  const lasted = view.state === 'done' ? undefined : timeInState(view, now);
  return { word: stateWord(view), ...(lasted && !view.setup && view.state !== 'error' ? { age: lasted.text } : {}), ...cause };
}

/** The head's second line: "Next: Fix “test (20)”: red on the latest commit of octo-org/api#7 — P2" (the move's full stop dropped). */
export function nextText(move: MoveView): string {
  return `Next: ${move.text.replace(/\.$/, '')} — ${move.tag ?? levelName(move.level)}`;
}

/** Every condition that holds the item up, in the merge box's order, each linked to where to act. */
function Conditions({ conditions }: { conditions: ConditionView[] }) {
  return (
    <ul class="conditions" aria-label="What holds it up" data-testid="flowlens-conditions">
      {conditions.map((condition) => {
        const href = httpsHref(condition.url);
        return (
          <li key={`${condition.kind}:${condition.text}`} data-kind={condition.kind}>
            {href ? (
              <a href={href} target="_blank" rel="noreferrer">
                {condition.text}
              </a>
            ) : (
              condition.text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Whether the card opens on a GitHub Projects page. */
function onProjectPage(page: string | undefined): boolean {
  try {
    return page !== undefined && isGithubProjectPath(new URL(page).pathname);
  } catch {
    return false;
  }
}

/**
 * On a GitHub Projects page, how long the item has been in its column is not known: the GraphQL
 * schema FlowLens validates against has no history of a project item's status.
 */
export const PROJECT_COLUMN_UNKNOWN = 'not known: GitHub gives FlowLens no history of an item’s status in a project';

function Facts({ id, view, stuck, now, onProject }: { id: string; view: FlowView; stuck: boolean; now: number; onProject: boolean }) {
  const life = lifeFact(view, now);
  const figure = (name: string, trace: Trace | undefined) => ({ id: `${id}-${name}`, name, trace, hint: `${id}-figure-hint` });
  const blocked = view.traces?.blocked;
  return (
    <dl class="facts">
      {life ? <Fact name={life.name} value={life.value} testId="flowlens-life" figure={figure('life', view.traces?.life)} /> : null}
      {view.state !== 'error' ? <Pace view={view} /> : null}
      {onProject && view.state !== 'error' ? <Fact name="In its project column" value={PROJECT_COLUMN_UNKNOWN} testId="flowlens-project-column" /> : null}
      {view.sinceUnknown && view.state !== 'error' ? <Fact name={`${stateName(view.state)} since`} value={sinceUnknownText(view.sinceUnknown, view.bound ? now - parseTime(view.bound.notAfter) : undefined, view.state)} testId="flowlens-since-unknown" /> : null}
      {view.totalBlockedMs ? <Fact name="Blocked in all" value={formatDuration(blocked?.ms ?? view.totalBlockedMs)} testId="flowlens-blocked" figure={figure('blocked', blocked)} /> : null}
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
 * Without links: "…when it began to be waiting; it began … no later than Thu 12 Nov (when FlowLens
 * first saw it waiting)…". Never a made-up time: `lastedMs`, the lower bound (now − notAfter), is
 * said only as a bound.
 */
export function sinceUnknownText(unknown: NonNullable<FlowView['sinceUnknown']>, lastedMs?: number, state: FlowState = 'blocked'): string {
  const byLinks = unknown.links.length > 0;
  const earliest = unknown.notBefore ? ` no earlier than ${shortDate(unknown.notBefore)} (when the item was opened)` : '';
  // Without links the bound is when FlowLens first saw the item in this state (WorkItem.stateSeen).
  const latest = unknown.notAfter ? ` no later than ${shortDate(unknown.notAfter)}${byLinks ? '' : ` (when FlowLens first saw it ${STATE_WORDS[state]})`}` : '';
  const what = byLinks ? 'the block' : 'it';
  const bounds = earliest || latest ? `; ${what} began${earliest}${earliest && latest ? ' and' : ''}${latest}` : '';
  const lasted = lastedMs === undefined ? '' : `, so it has lasted ${formatAtLeast(lastedMs)}`;
  const none = byLinks ? `when the link to ${listOf(unknown.links.map(shortKey))} was made` : `when it began to be ${STATE_WORDS[state]}`;
  return `Not recorded: no source says ${none}${bounds}${lasted}.`;
}

/** A fact; one that is a figure (`figure`) opens the events it was computed from. */
function Fact({ name, value, testId, figure }: { name: string; value: string; testId?: string; figure?: { id: string; name: string; trace: Trace | undefined; hint: string } }) {
  return (
    <div {...(testId ? { 'data-testid': testId } : {})}>
      <dt>{name}</dt>
      <dd>{figure ? <Figure id={figure.id} name={name} value={value} trace={figure.trace} hint={figure.hint} /> : value}</dd>
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
              {move.tag ?? levelName(move.level)}
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
    <p class={view.setup ? 'error setup' : 'error'} role="alert">
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

/**
 * Whether `page` is the item at `item` itself, or one of its tabs (a pull request's /files, an
 * anchor to a comment): there "Open item" would only open the page the user is on.
 */
export function isItemPage(item: string | undefined, page: string | undefined): boolean {
  if (!item || !page) return false;
  try {
    const [a, b] = [new URL(item), new URL(page)];
    const path = (url: URL) => url.pathname.replace(/\/+$/, '').toLowerCase();
    return a.origin === b.origin && (path(b) === path(a) || path(b).startsWith(`${path(a)}/`));
  } catch {
    return false;
  }
}
