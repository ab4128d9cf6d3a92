/** The critical path (the longest chain of open blockers) and the items holding up the most others. */
import { shortKey } from '../../lib/flow/item-names';
import { formatDuration } from '../../lib/format';
import { httpsHref } from '../../lib/safe-url';
import { heldUp, noChain } from '../../lib/team/summary';
import type { NamedItem, TeamSummary } from '../../lib/team/summary-types';

function ItemLink({ item }: { item: NamedItem }) {
  const text = `${shortKey(item.key)} ${item.title === shortKey(item.key) ? '' : item.title}`.trim();
  const href = httpsHref(item.url);
  return href ? <a href={href} target="_blank" rel="noreferrer">{text}</a> : <span>{text}</span>;
}

/** Props: the summary's graph parts, and whether they are of the filtered items only. */
export function GraphSection({ criticalPath, topHolders, filtered = false }: Pick<TeamSummary, 'criticalPath' | 'topHolders'> & { filtered?: boolean }) {
  return (
    <>
      <h3>Critical path</h3>
      {criticalPath.steps.length === 0 ? (
        <p class="quiet">{noChain(filtered)}</p>
      ) : (
        <>
          <p class="quiet">Root blocker first; the chain is {formatDuration(criticalPath.ageMs)} old.</p>
          <ol class="path" data-testid="critical-path">
            {criticalPath.steps.map((step) => <li key={step.key}><ItemLink item={step} /></li>)}
          </ol>
        </>
      )}
      <h3>Holding up the most</h3>
      {topHolders.length === 0 ? (
        <p class="quiet">{filtered ? 'Nothing holds up the items shown.' : 'Nothing holds up other items.'}</p>
      ) : (
        <ul class="holders" data-testid="top-holders">
          {topHolders.map((h) => (
            <li key={h.key}><ItemLink item={h} /> holds up {heldUp(h.holdsUp, filtered)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
