// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSlices, inTasks, SLICE_MS } from './slices';

afterEach(() => vi.restoreAllMocks());

/** A clock the work moves on: each item takes `perItem` ms. Returns the frames waited for. */
function drive(perItem: number) {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  const frames: number[] = [];
  vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((callback) => {
    frames.push(now);
    setTimeout(() => callback(now), 0);
    return frames.length;
  });
  return { frames, work: () => void (now += perItem) };
}

describe('badge work in slices', () => {
  it('on a visible page, waits for a frame after every slice, so the page renders what each added', async () => {
    // Ten items of 2 ms are a slice (past SLICE_MS): 80 items yield seven times, at 20, 40 … 140 ms.
    expect(SLICE_MS).toBe(12);
    const { frames, work } = drive(2);
    const done: number[] = [];
    await inSlices(Array.from({ length: 80 }, (_, i) => i), (i) => {
      work();
      done.push(i);
    });
    expect(done).toEqual(Array.from({ length: 80 }, (_, i) => i));
    expect(frames).toEqual([20, 40, 60, 80, 100, 120, 140]);
  });

  it('never waits for a frame on a hidden page, which renders none', async () => {
    const { frames, work } = drive(2);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    let count = 0;
    await inSlices(Array.from({ length: 80 }, (_, i) => i), () => {
      work();
      count += 1;
    });
    expect([count, frames.length]).toEqual([80, 0]);
  });

  it('does unseen work in tasks of at most a slice\'s time, one after another, never waiting for a frame', async () => {
    const { frames, work } = drive(5);
    let inTask = 0;
    const tasks: number[] = [];
    const done: number[] = [];
    const running = inTasks(Array.from({ length: 12 }, (_, i) => i), (i) => {
      inTask += 1;
      work();
      done.push(i);
    });
    // The first task runs at once, up to its time: three items of 5 ms pass SLICE_MS.
    tasks.push(inTask);
    expect(done).toEqual([0, 1, 2]);
    while (done.length < 12) {
      inTask = 0;
      await new Promise((resolve) => setTimeout(resolve, 0));
      tasks.push(inTask);
    }
    await running;
    expect(done).toEqual(Array.from({ length: 12 }, (_, i) => i));
    // Three items a task: each stops once it has passed SLICE_MS.
    expect(tasks).toEqual([3, 3, 3, 3]);
    expect(frames).toEqual([]);
  });
});
