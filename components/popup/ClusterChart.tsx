/** Blocked time per cause as horizontal bars (SVG, drawn at its own size: 12 px labels), with the same figures as text for screen readers. */
import { formatDuration } from '../../lib/format';
import { clusterName } from '../../lib/flow/clusters';
import type { ClusterTotal } from '../../lib/team/summary-types';
import { HBars } from './HBars';

/** Props: cluster totals, largest first. */
export function ClusterChart({ clusters }: { clusters: ClusterTotal[] }) {
  if (clusters.length === 0) return <p class="quiet">No blocked time recorded.</p>;
  const bars = clusters.map((c) => ({ key: c.cluster, label: clusterName(c.cluster), value: c.blockedMs, text: formatDuration(c.blockedMs), className: `cluster-${c.cluster}` }));
  return (
    <figure class="chart" data-testid="cluster-chart">
      <HBars bars={bars} labelWidth={166} />
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
