import { describe, expect, it } from 'vitest';
import { chunks, inTurn } from './chunks';

describe('chunks', () => {
  it('cuts a list into consecutive pieces, the last shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});

describe('inTurn', () => {
  it('starts the work in the list’s order, never more than `inFlight` at once, and waits for all', async () => {
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    let running = 0;
    let most = 0;
    const done = inTurn([1, 2, 3, 4, 5], 2, (n) => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      return new Promise<void>((resolve) => finish.set(n, () => ((running -= 1), resolve())));
    });
    await Promise.resolve();
    expect(started).toEqual([1, 2]);
    finish.get(2)!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([1, 2, 3]);
    for (const n of [1, 3, 4, 5]) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      finish.get(n)?.();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const n of [4, 5]) finish.get(n)?.();
    await done;
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('rejects when a piece of work does, and does nothing for an empty list', async () => {
    await expect(inTurn([1, 2], 2, (n) => (n === 2 ? Promise.reject(new Error('no')) : Promise.resolve()))).rejects.toThrow('no');
    await expect(inTurn([], 2, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
