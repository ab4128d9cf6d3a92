/**
 * The `team/looked` answer: the popup's last look at the team's rows, swapped for the one it
 * shows now, and what the cache knows of how the items that left the list ended. The look is
 * kept in the cache (kind `looked`, in the extension's IndexedDB): it holds titles, so it lives
 * where item data lives, goes with "Clear cache" and is evicted after the cache's 14 days. It
 * never touches the network.
 */
import * as v from 'valibot';
import { lookedItemSchema } from '../messaging';
import type { Result, ResponseData } from '../protocol';
import type { Fetched } from '../providers/outcome';
import type { FlowCache } from '../storage/cache';
import { goneKeys, type Finish, type LookSnapshot } from '../team/since-last';

/** The cache key of the one look kept. */
export const LOOKED_KEY = 'team';

/** The stored look's frame: a broken `partial` falls back alone, and rows are read one by one. */
const storedLook = v.object({
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  items: v.array(v.unknown()),
  partial: v.fallback(v.optional(v.literal(true)), undefined),
});

/**
 * The stored look, validated; `undefined` when there is none or its frame is broken (the popup
 * then says changes show from the next look). A broken row is dropped alone, and the look is then
 * marked partial, so the row is not taken for one new in the list.
 */
export function readLook(stored: unknown): LookSnapshot | undefined {
  const frame = v.safeParse(storedLook, stored);
  if (!frame.success) return undefined;
  const items = frame.output.items.flatMap((item) => {
    const row = v.safeParse(lookedItemSchema, item);
    return row.success ? [row.output] : [];
  });
  const partial = frame.output.partial === true || items.length < frame.output.items.length;
  return { at: frame.output.at, items, ...(partial ? { partial: true as const } : {}) };
}

/** How each of `keys` ended, for those the cache holds as merged or closed. */
async function finishedOf(cache: FlowCache, keys: string[], now: number): Promise<Record<string, Finish>> {
  if (keys.length === 0) return {};
  const hits = await cache.read<Fetched>('item', keys, now, Infinity);
  const finished: Record<string, Finish> = {};
  for (const [key, hit] of hits) {
    const state = hit.value?.item?.state;
    if (state === 'merged' || state === 'closed') finished[key] = state;
  }
  return finished;
}

/** What the answer reads and writes. */
export interface LookedAnswerDeps {
  cache: () => Promise<FlowCache>;
  now: () => number;
}

type Looked = ResponseData['team/looked'];

/**
 * Returns the `team/looked` handler. Looks are swapped one at a time, in the order they came, so
 * two answers painted one after the other leave the later one kept.
 */
export function createLookedAnswer(deps: LookedAnswerDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  const swap = async (seen: LookSnapshot, gone: readonly string[]): Promise<Result<Looked>> => {
    const [cache, now] = [await deps.cache(), deps.now()];
    const stored = await cache.read<unknown>('looked', [LOOKED_KEY], now, Infinity);
    const before = readLook(stored.get(LOOKED_KEY)?.value);
    await cache.write('looked', [{ key: LOOKED_KEY, value: seen }], now);
    const ask = [...new Set([...gone, ...(before ? goneKeys(before, seen) : [])])];
    return { ok: true, data: { ...(before ? { before } : {}), finished: await finishedOf(cache, ask, now) } };
  };
  return (seen: LookSnapshot, gone: readonly string[] = []): Promise<Result<Looked>> => {
    const run = queue.then(() => swap(seen, gone));
    queue = run.catch(() => undefined);
    return run;
  };
}
