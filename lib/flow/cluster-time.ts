/** Blocker clustering over a set of items: their blocked time summed per cluster. */
import type { ItemAnalysis } from './analyze';
import { CLUSTERS, type Cluster } from './clusters';

/** Blocked time per cluster, and which items make it up. */
export interface ClusterBlockedTime {
  cluster: Cluster;
  blockedMs: number;
  items: string[];
}

/**
 * Sums every blocked interval's time under the cluster of its causes; empty clusters are left out.
 * The time is working time when the intervals were counted so (the user's working-time setting),
 * as the card's "Blocked in all" is, else calendar time.
 */
export function blockedTimeByCluster(analyses: readonly ItemAnalysis[]): ClusterBlockedTime[] {
  const totals = new Map<Cluster, ClusterBlockedTime>();
  for (const analysis of analyses) {
    for (const interval of analysis.intervals) {
      if (interval.state !== 'blocked') continue;
      const entry = totals.get(interval.cluster) ?? { cluster: interval.cluster, blockedMs: 0, items: [] };
      entry.blockedMs += interval.workingMs ?? interval.durationMs;
      if (!entry.items.includes(analysis.key)) entry.items.push(analysis.key);
      totals.set(interval.cluster, entry);
    }
  }
  return CLUSTERS.flatMap((cluster) => (totals.has(cluster) ? [totals.get(cluster)!] : [])).sort((a, b) => b.blockedMs - a.blockedMs);
}
