/**
 * The blocked, waiting and failing items, longest stuck first, one line each: the item, how long,
 * the cause and the next move in a few words. A row opens to the whole of it: title, cause, move
 * with its rubric level, owner and what it holds up.
 */
import { useState } from 'preact/hooks';
import { rowKey, shortKey } from '../../lib/flow/item-names';
import { stateName } from '../../lib/flow/flow-states';
import { levelName } from '../../lib/flow/rubric';
import { timeInState } from '../../lib/flow-view';
import { httpsHref } from '../../lib/safe-url';
import type { TeamItem } from '../../lib/team/summary-types';
import { StateGlyph } from '../StateGlyph';

/** Props: the stuck items, in order, the time their durations are measured to, and whether the team has one repository (keys then read `#7`). */
export interface StuckListProps {
  items: TeamItem[];
  at: number;
  oneRepo?: boolean;
}

/** What the row opens to. */
function Detail({ item, id, lasted }: { item: TeamItem; id: string; lasted: ReturnType<typeof timeInState> }) {
  return (
    <div class="detail" id={id} data-testid="stuck-detail">
      <p class="title">{item.title}</p>
      <p class="meta">
        {stateName(item.state)}
        {lasted ? ` for ${lasted.text}${lasted.why ? ` (${lasted.why})` : ''}` : ' (start not recorded)'}
        {item.owner ? ` · ${item.owner}` : ''}
        {item.holdsUp > 0 ? ` · holds up ${item.holdsUp}` : ''}
      </p>
      {item.cause ? <p class="cause">{item.cause}</p> : null}
      {item.move ? (
        <p class="move">
          <span class="level">{item.move.tag ?? levelName(item.move.level)}</span> {item.move.text}
        </p>
      ) : null}
    </div>
  );
}

function Row({ item, at, oneRepo }: { item: TeamItem; at: number; oneRepo: boolean }) {
  const [open, setOpen] = useState(false);
  const lasted = timeInState(item, at);
  const href = httpsHref(item.url);
  const name = `${shortKey(item.key)} ${item.title}`;
  const cause = item.headCause ?? item.cause ?? '';
  const next = item.move ? (item.move.short ?? item.move.text) : '';
  const id = `detail-${item.key.replace(/[^\w-]/g, '_')}`;
  const key = rowKey(item.key, oneRepo);
  return (
    <li class={`stuck state-${item.state}`} data-testid="stuck-item" data-key={item.key}>
      <div class="line" title={`${name}\n${stateName(item.state)}${lasted ? ` for ${lasted.text}` : ''}${cause ? ` · ${cause}` : ''}${next ? `\nNext: ${next}` : ''}`}>
        <StateGlyph state={item.state} />
        <span class="sr-only state">{stateName(item.state)}</span>
        {href ? <a class="key" href={href} target="_blank" rel="noreferrer" aria-label={name}>{key}</a> : <span class="key">{key}<span class="sr-only"> {item.title}</span></span>}
        <span class="for" data-testid="stuck-for">{lasted ? lasted.text : <><span aria-hidden="true">?</span><span class="sr-only">start not recorded</span></>}</span>
        <span class="text">
          {cause ? <span class="cause-short">{cause}</span> : null}
          {next ? <span class="next"><span class="arrow" aria-hidden="true">→</span><span class="sr-only">Next: </span>{next}</span> : null}
        </span>
        <button type="button" class="more" aria-expanded={open} {...(open ? { 'aria-controls': id } : {})} aria-label={`More about ${shortKey(item.key)}`} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
      </div>
      {open ? <Detail item={item} id={id} lasted={lasted} /> : null}
    </li>
  );
}

/** The list; says so when nothing is stuck. */
export function StuckList({ items, at, oneRepo = false }: StuckListProps) {
  if (items.length === 0) return <p class="quiet">Nothing is blocked, waiting or failing.</p>;
  return (
    <ol class="stuck-list" data-testid="stuck-list">
      {items.map((item) => (
        <Row key={item.key} item={item} at={at} oneRepo={oneRepo} />
      ))}
    </ol>
  );
}
