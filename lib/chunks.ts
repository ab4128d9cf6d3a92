/** `list` cut into consecutive pieces of at most `size` items (the last may be shorter). */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

/**
 * Runs `work` over `list` in its order with at most `inFlight` at once: the first items' work
 * ends first instead of all of it ending together. Resolves when all has; rejects as `Promise.all`.
 */
export async function inTurn<T>(list: readonly T[], inFlight: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < list.length) await work(list[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, list.length) }, lane));
}
