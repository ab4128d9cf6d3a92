import { describe, expect, it } from 'vitest';
import { createUnderway } from './underway';

describe('work under way', () => {
  it('is found by each of its keys while pending, and forgotten once it settles', async () => {
    const underway = createUnderway<number>();
    let finish = (_: number) => {};
    const work = underway.add(['a', 'b'], new Promise<number>((resolve) => (finish = resolve)));
    expect(underway.has('a') && underway.has('b')).toBe(true);
    expect(underway.get('a')).toBe(work);
    expect(underway.has('c')).toBe(false);
    finish(7);
    expect(await underway.get('b')).toBe(7);
    expect(underway.has('a') || underway.has('b')).toBe(false);
  });

  it('forgets failed work too, and passes its failure on', async () => {
    const underway = createUnderway<number>();
    const work = underway.add(['a'], Promise.reject(new Error('no answer')));
    await expect(work).rejects.toThrow('no answer');
    expect(underway.has('a')).toBe(false);
  });
});
