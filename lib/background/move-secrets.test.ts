import { describe, expect, it, vi } from 'vitest';
import { moveSecretsOutOfLocalStorage } from './move-secrets';

describe('moveSecretsOutOfLocalStorage', () => {
  it('moves at once and on every write an older version makes, and closes storage.local to content scripts', async () => {
    const done: string[] = [];
    let written = () => {};
    moveSecretsOutOfLocalStorage({
      moveLegacy: async () => void done.push('move'),
      watchLegacy: (callback) => (written = callback),
      closeLocalStorage: async () => (done.push('close'), true),
    });
    expect(done).toEqual(['move', 'close']);
    written();
    written();
    expect(done).toEqual(['move', 'close', 'move', 'move']);
  });

  it('says on the console when a move fails, and moves again on the next write', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let written = () => {};
    let moves = 0;
    moveSecretsOutOfLocalStorage({
      moveLegacy: () => (++moves === 1 ? Promise.reject(new Error('database closed')) : Promise.resolve()),
      watchLegacy: (callback) => (written = callback),
      closeLocalStorage: async () => false,
    });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('FlowLens could not move its tokens out of storage.local yet:', new Error('database closed')));
    written();
    expect(moves).toBe(2);
  });
});
