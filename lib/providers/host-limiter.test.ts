import { describe, expect, it } from 'vitest';
import { createHostLimiter } from './host-limiter';

describe('host limiter', () => {
  it('runs waiting tasks in order as slots free, and frees a slot when a task fails', async () => {
    const limiter = createHostLimiter(2);
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        order.push(`start ${name}`);
        gates.set(name, () => (fail ? reject(new Error(name)) : resolve(name)));
      });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const a = limiter.run('h', task('a', true));
    const b = limiter.run('h', task('b'));
    const c = limiter.run('h', task('c'));
    const d = limiter.run('h', task('d'));
    await settle();
    expect(order).toEqual(['start a', 'start b']);
    gates.get('a')!();
    await expect(a).rejects.toThrow('a');
    await settle();
    expect(order).toEqual(['start a', 'start b', 'start c']);
    gates.get('b')!();
    gates.get('c')!();
    await settle();
    expect(order.at(-1)).toBe('start d');
    gates.get('d')!();
    expect(await Promise.all([b, c, d])).toEqual(['b', 'c', 'd']);
    // All slots are free again: two new tasks start at once.
    const e = limiter.run('h', task('e'));
    const f = limiter.run('h', task('f'));
    await settle();
    expect(order.slice(-2)).toEqual(['start e', 'start f']);
    gates.get('e')!();
    gates.get('f')!();
    await Promise.all([e, f]);
  });
});
