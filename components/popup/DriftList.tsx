/**
 * The team's items whose record and work disagree between Jira and GitHub (lib/flow/drift.ts),
 * each drift in a line (the item, what is out of step in a few words, the move that puts it right)
 * over its sentence and the move in full with its rubric level, which screen readers read in
 * place of the line's few words. It follows the popup's filters, as every section does.
 */
import { rowKey, shortKey } from '../../lib/flow/item-names';
import { httpsHref } from '../../lib/safe-url';
import { driftItems, noDrift } from '../../lib/team/summary';
import type { TeamItem } from '../../lib/team/summary-types';

/** Props: the items shown, whether filters leave some out, and whether the team has one repository (keys then read `#7`). */
export interface DriftListProps {
  items: readonly TeamItem[];
  filtered: boolean;
  oneRepo?: boolean;
}

/** The list of drift; says so when there is none. */
export function DriftList({ items, filtered, oneRepo = false }: DriftListProps) {
  const drifted = driftItems(items);
  if (drifted.length === 0) return <p class="quiet">{noDrift(filtered)}</p>;
  return (
    <ul class="drift-list" data-testid="drift-list">
      {drifted.flatMap((item) =>
        item.drift!.map((drift) => {
          const href = httpsHref(item.url);
          const name = `${shortKey(item.key)} ${item.title}`;
          const move = drift.move ? `${drift.move.tag}: ${drift.move.text}` : '';
          return (
            <li key={`${item.key}:${drift.kind}:${drift.text}`} class="drift" data-testid="drift-item" data-key={item.key} data-kind={drift.kind}>
              <div class="line" title={`${name}\n${drift.text}${move ? `\nNext: ${move}` : ''}`}>
                {href ? <a class="key" href={href} target="_blank" rel="noreferrer" aria-label={name}>{rowKey(item.key, oneRepo)}</a> : <span class="key">{rowKey(item.key, oneRepo)}<span class="sr-only"> {item.title}</span></span>}
                <span class="drift-short" aria-hidden="true">{drift.short}</span>
                {drift.move ? <span class="next" aria-hidden="true"><span class="arrow">→</span>{drift.move.short ?? drift.move.text}</span> : null}
              </div>
              <p class="drift-detail">
                {drift.text}
                {drift.move ? <> <span class="level">{drift.move.tag}</span> {drift.move.text}</> : null}
              </p>
            </li>
          );
        }),
      )}
    </ul>
  );
}
