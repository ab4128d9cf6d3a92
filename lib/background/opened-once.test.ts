import { describe, expect, it } from 'vitest';
import { openedOnce } from './opened-once';

describe('openedOnce', () => {
  it('opens on the first use, not before, and answers every use with the same promise', async () => {
    let opened = 0;
    const cache = openedOnce(async () => ({ n: ++opened }));
    expect(opened).toBe(0);
    const [a, b] = await Promise.all([cache(), cache()]);
    expect(a).toBe(b);
    expect(await cache()).toBe(a);
    expect(opened).toBe(1);
  });
});
