import { afterEach, describe, expect, it } from 'vitest';
import { observeAdditions, type AdditionBatch } from './observe-additions';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('observeAdditions', () => {
  let stop: () => void = () => {};
  afterEach(() => {
    stop();
    document.body.replaceChildren();
  });

  it('hands over a burst of mutations as one batch of outermost added elements', async () => {
    const batches: AdditionBatch[] = [];
    stop = observeAdditions(document.documentElement, (batch) => batches.push(batch), { ignore: 'flowlens-badge', delayMs: 5 });
    const list = document.createElement('ul');
    document.body.append(list);
    for (let i = 0; i < 3; i++) list.append(document.createElement('li'));
    const badge = document.createElement('flowlens-badge');
    document.body.append(badge);
    await wait(30);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.added).toEqual([list]);
    expect(batches[0]!.removedSomething).toBe(false);
  });

  it('reports removals, and forgets elements removed before the batch', async () => {
    const batches: AdditionBatch[] = [];
    const old = document.createElement('div');
    document.body.append(old);
    stop = observeAdditions(document.documentElement, (batch) => batches.push(batch), { ignore: 'flowlens-badge', delayMs: 5 });
    const gone = document.createElement('p');
    document.body.append(gone);
    gone.remove();
    old.remove();
    await wait(30);
    expect(batches).toEqual([{ added: [], removedSomething: true }]);
  });

  it('stops when asked', async () => {
    const batches: AdditionBatch[] = [];
    stop = observeAdditions(document.documentElement, (batch) => batches.push(batch), { ignore: 'flowlens-badge', delayMs: 5 });
    stop();
    document.body.append(document.createElement('div'));
    await wait(30);
    expect(batches).toEqual([]);
  });
});
