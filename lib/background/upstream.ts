/**
 * Upstream items that are not on the page. An item that waits on "#90" is only as blocked as #90
 * is open, so every explicit upstream whose state no answer gave is read in the same refresh, in
 * one batch per host. One that cannot be read (not found, no access) is remembered as unreadable
 * for the cache's time-to-live, with the reason the card names; meanwhile it counts as blocking,
 * unverified (lib/flow/conditions.ts).
 */
import type { FlowError } from '../flow-error';
import type { ItemLink, WorkItem } from '../flow/model';
import { parseKey, type ItemRef } from '../item-key';

/** Upstream items read per host in one refresh: one GraphQL batch, or one Jira bulk fetch. */
export const UPSTREAM_PER_HOST = 50;

/** Without a GitHub token each item costs one of the 60 requests an hour: fewer are read. */
export const UPSTREAM_PER_HOST_WITHOUT_TOKEN = 10;

/** Whether only reading a link's target can tell whether it still holds the item up. */
export function needsReading(link: ItemLink): boolean {
  return link.kind !== 'child-of' && link.open === undefined && link.resolvedAt === undefined;
}

/** Keys of the upstream items of `items` whose state only reading them can tell, `items` left out. */
export function unresolvedUpstream(items: readonly WorkItem[]): string[] {
  const own = new Set(items.map((item) => item.key));
  const keys = items.flatMap((item) => item.upstream.filter(needsReading).map((link) => link.key));
  return [...new Set(keys)].filter((key) => !own.has(key));
}

/** Failures that say the item cannot be read at all, rather than not right now. */
export function isLasting(error: FlowError): boolean {
  return error.code === 'not-found' || error.code === 'forbidden' || error.code === 'sso-required';
}

/** The refs of `keys`, at most `limit(ref)` per source and host, in the order given. */
export function capPerHost(keys: readonly string[], limit: (ref: ItemRef) => number): ItemRef[] {
  const taken = new Map<string, number>();
  return keys.flatMap((key) => {
    const ref = parseKey(key);
    if (!ref) return [];
    const group = `${ref.source}:${ref.host}`;
    const count = taken.get(group) ?? 0;
    if (count >= limit(ref)) return [];
    taken.set(group, count + 1);
    return [ref];
  });
}
