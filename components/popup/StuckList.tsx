/** The blocked, waiting and failing items, longest stuck first: cause, owner and the first move. */
import { stateName } from '../../lib/flow/flow-states';
import { levelName } from '../../lib/flow/rubric';
import { shortKey } from '../../lib/flow/item-names';
import { timeInState } from '../../lib/flow-view';
import { httpsHref } from '../../lib/safe-url';
import type { TeamItem } from '../../lib/team/summary-types';
import { StateGlyph } from '../StateGlyph';

/** Props: the stuck items, in order, and the time their durations are measured to. */
export interface StuckListProps {
  items: TeamItem[];
  at: number;
}

function Row({ item, at }: { item: TeamItem; at: number }) {
  const lasted = timeInState(item, at);
  const href = httpsHref(item.url);
  const name = <><span class="key">{shortKey(item.key)}</span> {item.title}</>;
  return (
    <li class={`stuck state-${item.state}`} data-testid="stuck-item" data-key={item.key}>
      {href ? <a class="title" href={href} target="_blank" rel="noreferrer">{name}</a> : <span class="title">{name}</span>}
      <p class="meta">
        <StateGlyph state={item.state} />
        <span class="state">{stateName(item.state)}</span>
        {lasted ? <span data-testid="stuck-for"> for {lasted.text}{lasted.why ? ` (${lasted.why})` : ''}</span> : <span> (start not recorded)</span>}
        {item.owner ? <span> · {item.owner}</span> : null}
        {item.holdsUp > 0 ? <span> · holds up {item.holdsUp}</span> : null}
      </p>
      {item.cause ? <p class="cause">{item.cause}</p> : null}
      {item.move ? (
        <p class="move">
          <span class="level">{item.move.tag ?? levelName(item.move.level)}</span> {item.move.text}
        </p>
      ) : null}
    </li>
  );
}

/** The list; says so when nothing is stuck. */
export function StuckList({ items, at }: StuckListProps) {
  if (items.length === 0) return <p class="quiet">Nothing is blocked or waiting.</p>;
  return (
    <ol class="stuck-list" data-testid="stuck-list">
      {items.map((item) => (
        <Row key={item.key} item={item} at={at} />
      ))}
    </ol>
  );
}
