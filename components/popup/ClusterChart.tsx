/** Blocked time per cause as horizontal bars (SVG, drawn at its own size: 12 px labels), with the same figures as text for screen readers. */
import { formatDuration } from '../../lib/format';
import { clusterName } from '../../lib/flow/clusters';
import type { ClusterTotal } from '../../lib/team/summary-types';

const WIDTH = 352;
const ROW = 24;
const LABEL = 166;

/** Props: cluster totals, largest first. */
export function ClusterChart({ clusters }: { clusters: ClusterTotal[] }) {
  if (clusters.length === 0) return <p class="quiet">No blocked time recorded.</p>;
  const max = Math.max(...clusters.map((c) => c.blockedMs));
  const bar = WIDTH - LABEL - 44;
  return (
    <figure class="chart" data-testid="cluster-chart">
      <svg viewBox={`0 0 ${WIDTH} ${clusters.length * ROW}`} width={WIDTH} height={clusters.length * ROW} aria-hidden="true" focusable="false">
        {clusters.map((c, i) => (
          <g key={c.cluster} transform={`translate(0 ${i * ROW})`}>
            <text x="0" y={ROW / 2 + 4.5} class="axis-label">{clusterName(c.cluster)}</text>
            <rect x={LABEL} y="4" height={ROW - 8} width={Math.max(2, (c.blockedMs / max) * bar)} rx="2" class={`bar cluster-${c.cluster}`} />
            <text x={LABEL + Math.max(2, (c.blockedMs / max) * bar) + 4} y={ROW / 2 + 4.5} class="value">{formatDuration(c.blockedMs)}</text>
          </g>
        ))}
      </svg>
      <ul class="sr-only">
        {clusters.map((c) => (
          <li key={c.cluster}>
            {clusterName(c.cluster)}: {formatDuration(c.blockedMs)} blocked over {c.items} item{c.items === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </figure>
  );
}
