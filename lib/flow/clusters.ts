/**
 * Blocker clustering: the kind of cause behind a stuck item, inferred from signals alone, with
 * no field for anyone to fill in. Sums of blocked time per cluster show a team where its days go.
 */
import { sentenceStart } from './cause-text';
import { isWaitLink, type Cause } from './conditions';
import type { FlowSettings } from './flow-settings';
import type { FlowCheckEvent, ItemLink, WorkItem } from './model';
import { parseTime } from './time';

/** The kinds of cause. */
export type Cluster = 'review' | 'ci' | 'conflict' | 'dependency' | 'external' | 'decision' | 'environment' | 'unknown';

/** Every cluster, in the order a summary lists them. */
export const CLUSTERS: readonly Cluster[] = ['dependency', 'external', 'review', 'ci', 'conflict', 'decision', 'environment', 'unknown'];

/** Each cluster as a sentence says it: the card's "Cause", the popup's chart and the export. */
export const CLUSTER_WORDS: Record<Cluster, string> = {
  dependency: 'dependency in the team',
  external: 'another team',
  review: 'review',
  ci: 'CI',
  conflict: 'merge conflict',
  decision: 'decision or requirements',
  environment: 'environment or release',
  unknown: 'not clear from the data',
};

/** A cluster as a heading or a list entry names it: "Another team". */
export function clusterName(cluster: Cluster): string {
  return sentenceStart(CLUSTER_WORDS[cluster]);
}

const DECISION = /\b(decision|decide|requirements?|spec|product|design|clarif\w*|question|needs?[- ]info|pm|ux)\b/i;
const ENVIRONMENT = /\b(env(ironment)?|release|deploy\w*|staging|prod(uction)?|infra\w*|ops|outage|pipeline|migration)\b/i;

/** The container (`PAY`, `octo-org/api`) a key belongs to. */
export function containerOf(key: string): string {
  const rest = key.slice(key.indexOf(':') + 1);
  if (key.startsWith('jira:')) return rest.slice(rest.lastIndexOf('/') + 1).split('-')[0]!;
  const path = rest.slice(0, rest.lastIndexOf('#')).split('/');
  return path.slice(-2).join('/').toLowerCase();
}

/** Whether `container` is one of `team`'s: `PAY`, `octo-org/api`, or a whole org as `octo-org/*`. */
function ownedBy(container: string, team: readonly string[]): boolean {
  const name = container.toLowerCase();
  return team.some((c) => (c.endsWith('/*') ? name.startsWith(c.slice(0, -1).toLowerCase()) : name === c.toLowerCase()));
}

/** Whether an upstream item belongs to another team (another project, repository or org). */
export function isExternal(item: WorkItem, upstreamKey: string, settings: FlowSettings): boolean {
  const team = settings.teamContainers.length > 0 ? settings.teamContainers : [item.container];
  return !ownedBy(containerOf(upstreamKey), team);
}

/** The cluster of one cause. */
export function clusterOfCause(cause: Cause, item: WorkItem, settings: FlowSettings): Cluster {
  switch (cause.kind) {
    case 'blocked-by':
      return cause.link && isExternal(item, cause.link.key, settings) ? 'external' : 'dependency';
    case 'review-pending':
    case 'review-required':
    case 'changes-requested':
      return 'review';
    case 'checks-failing':
      return ENVIRONMENT.test(cause.detail ?? '') ? 'environment' : 'ci';
    case 'conflict':
      return 'conflict';
    case 'waiting-status':
      return DECISION.test(cause.detail ?? '') ? 'decision' : 'review';
    default:
      return fromWords(cause.detail);
  }
}

function fromWords(text: string | undefined): Cluster {
  if (text && DECISION.test(text)) return 'decision';
  if (text && ENVIRONMENT.test(text)) return 'environment';
  return 'unknown';
}

/** The item's "waits on" links whose state could not be read (not known open, closed or resolved). */
export function unreadUpstream(item: WorkItem, settings: FlowSettings): ItemLink[] {
  return item.upstream.filter((link) => link.open === undefined && link.resolvedAt === undefined && isWaitLink(link, settings));
}

/**
 * Where only a bare marker says "blocked" (a label, a flag, a status), the item's own "waits on"
 * links whose state could not be read say where to look: another team's item, or the team's own.
 */
function fromUnreadUpstream(item: WorkItem, settings: FlowSettings): Cluster | undefined {
  const unread = unreadUpstream(item, settings);
  if (unread.length === 0) return undefined;
  return unread.some((link) => isExternal(item, link.key, settings)) ? 'external' : 'dependency';
}

/**
 * The cluster of a set of causes: the most specific one wins over `unknown`; then the words of
 * the item's labels; then upstream items of unknown state.
 */
export function clusterOf(causes: Cause[], item: WorkItem, settings: FlowSettings): Cluster {
  const clusters = causes.map((cause) => clusterOfCause(cause, item, settings));
  const specific = CLUSTERS.find((c) => c !== 'unknown' && clusters.includes(c));
  if (specific || clusters.length === 0) return specific ?? 'unknown';
  const labelled = item.signals.labels?.map(fromWords).find((c) => c !== 'unknown');
  return labelled ?? fromUnreadUpstream(item, settings) ?? 'unknown';
}

/** Checks that failed and then passed on the same commit: flaky, by GitHub's own rerun record. */
export function flakyChecks(item: WorkItem): string[] {
  const runs = new Map<string, FlowCheckEvent[]>();
  for (const event of item.timeline) {
    // Without the commit, a later green run may be a fix rather than a rerun: not evidence.
    if (event.type !== 'check' || !event.sha) continue;
    runs.set(`${event.name}@${event.sha ?? ''}`, [...(runs.get(`${event.name}@${event.sha ?? ''}`) ?? []), event]);
  }
  const flaky = new Set<string>();
  for (const list of runs.values()) {
    const ordered = [...list].sort((a, b) => parseTime(a.at) - parseTime(b.at));
    const failedAt = ordered.findIndex((run) => run.conclusion === 'failure');
    if (failedAt >= 0 && ordered.slice(failedAt + 1).some((run) => run.conclusion === 'success')) flaky.add(ordered[0]!.name);
  }
  return [...flaky].sort();
}
