/**
 * Aging work in progress: each open item's age as its state's glyph in its state's column (a column
 * for each state that has items; a state's glyphs are one path), against the team's 50/70/85/95th
 * cycle-time percentiles; the same data as a table on demand. Drawn at its own size, so its 12 px
 * labels stay 12 px.
 */
import { useState } from 'preact/hooks';
import { shortKey } from '../../lib/flow/item-names';
import { formatDuration } from '../../lib/format';
import { NOT_DONE_STATES, stateName } from '../../lib/flow/flow-states';
import { percentileReached } from '../../lib/team/summary';
import { GlyphsAt } from '../StateGlyph';
import type { CycleTimePercentiles, TeamItem } from '../../lib/team/summary-types';

const WIDTH = 352;
const HEIGHT = 180;
const LEFT = 40;
const TOP = 10;
const BOTTOM = 24;

/** Props: the open items and the percentiles, when known. */
export interface AgingChartProps {
  items: TeamItem[];
  percentiles?: CycleTimePercentiles;
}

function PercentileLines({ percentiles, y }: { percentiles: CycleTimePercentiles; y: (ms: number) => number }) {
  const lines = [['50', percentiles.p50], ['70', percentiles.p70], ['85', percentiles.p85], ['95', percentiles.p95]] as const;
  return (
    <g class="percentiles">
      {lines.map(([name, ms]) => (
        <g key={name} class={`p${name}`}>
          <line x1={LEFT} x2={WIDTH} y1={y(ms)} y2={y(ms)} />
          <text x={WIDTH - 2} y={y(ms) - 2} text-anchor="end">{`${name}% ${formatDuration(ms)}`}</text>
        </g>
      ))}
    </g>
  );
}

function Chart({ items, percentiles }: AgingChartProps) {
  const max = Math.max(1, ...items.map((item) => item.ageMs), percentiles ? percentiles.p95 * 1.1 : 0);
  const y = (ms: number) => TOP + (1 - ms / max) * (HEIGHT - TOP - BOTTOM);
  // A column only for a state that has items: an empty one would take the room of those that do.
  const states = NOT_DONE_STATES.filter((state) => items.some((item) => item.state === state));
  const column = (WIDTH - LEFT) / states.length;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true" focusable="false" data-testid="aging-chart">
      <line class="axis" x1={LEFT} x2={LEFT} y1={TOP} y2={HEIGHT - BOTTOM} />
      <text class="axis-label" x="0" y={TOP + 10}>{formatDuration(max)}</text>
      <text class="axis-label" x="0" y={HEIGHT - BOTTOM}>0</text>
      {percentiles ? <PercentileLines percentiles={percentiles} y={y} /> : null}
      {states.map((state, c) => {
        const mine = items.filter((item) => item.state === state);
        return (
          <g key={state}>
            <text class="axis-label" x={LEFT + c * column + column / 2} y={HEIGHT - 6} text-anchor="middle">{stateName(state)}</text>
            {/* Spread across the column so items of the same age stay apart. */}
            <g class={`dot state-${state}`}>
              <GlyphsAt state={state} size={9} at={mine.map((item, i) => ({ x: LEFT + c * column + column * (0.2 + 0.6 * ((i * 7) % 11) / 10), y: y(item.ageMs) }))} />
            </g>
          </g>
        );
      })}
    </svg>
  );
}

function AgeTable({ items, percentiles }: AgingChartProps) {
  return (
    <table class="ages" data-testid="aging-table">
      <thead>
        <tr><th scope="col">Item</th><th scope="col">State</th><th scope="col">Age</th><th scope="col">Percentile</th></tr>
      </thead>
      <tbody>
        {[...items].sort((a, b) => b.ageMs - a.ageMs).map((item) => {
          const reached = percentiles ? percentileReached(item.ageMs, percentiles) : undefined;
          return (
            <tr key={item.key}>
              <th scope="row">{shortKey(item.key)}</th>
              <td>{stateName(item.state)}</td>
              <td>{formatDuration(item.ageMs)}</td>
              <td>{reached ? `past ${reached}th` : percentiles ? 'below 50th' : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The chart, a sentence about the percentiles, and the table behind a disclosure. */
export function AgingChart({ items, percentiles }: AgingChartProps) {
  const [open, setOpen] = useState(false);
  if (items.length === 0) return <p class="quiet">No open items.</p>;
  const late = percentiles ? items.filter((item) => item.ageMs >= percentiles.p85).length : 0;
  return (
    <figure class="chart">
      <Chart items={items} percentiles={percentiles} />
      <figcaption>
        {percentiles
          ? `${late} of ${items.length} open items are older than 85% of the ${percentiles.sample} items finished recently (${formatDuration(percentiles.p85)}).`
          : `${items.length} open items. Percentile lines appear once five items have finished.`}
      </figcaption>
      <details onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
        <summary>Ages as a table</summary>
        {open ? <AgeTable items={items} percentiles={percentiles} /> : null}
      </details>
    </figure>
  );
}
