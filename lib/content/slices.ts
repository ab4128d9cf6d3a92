/**
 * Badge work in slices: a board of 2,000 cards done in one go holds the page for well over 50 ms
 * (a long task); cut into slices of a few milliseconds, with the page's turn between them, it
 * stays responsive.
 */

/** Main-thread time one slice of badge work may take. */
export const SLICE_MS = 12;

/** Badges per slice at most: the page renders what a slice added before the next one runs. */
export const SLICE_ITEMS = 50;

/** Ends the task, to go on in the next one: `scheduler.yield` where there is one (it goes first). */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Gives the page its main thread back for a moment. */
function yieldToPage(): Promise<void> {
  // A visible page renders what the last slice added before the next one runs (one frame each);
  // a hidden page renders nothing, so there a plain task boundary does (rAF would wait forever).
  if (document.visibilityState === 'visible') return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return nextTask();
}

/** Runs `work` over `list`, yielding whenever a slice has used its time budget. */
export async function inSlices<T>(list: T[], work: (item: T) => unknown): Promise<void> {
  let sliceStart = performance.now();
  let done = 0;
  for (let i = 0; i < list.length; i += 10) {
    if (performance.now() - sliceStart > SLICE_MS || done >= SLICE_ITEMS) {
      await yieldToPage();
      sliceStart = performance.now();
      done = 0;
    }
    await Promise.all(list.slice(i, i + 10).map(work));
    done += 10;
  }
}

/**
 * Runs `work` over `list` in tasks of at most SLICE_MS, without waiting for frames between them:
 * for work the page does not see (a frame per slice would stretch it over many frames).
 */
export async function inTasks<T>(list: readonly T[], work: (item: T) => unknown): Promise<void> {
  let taskStart = performance.now();
  for (const item of list) {
    if (performance.now() - taskStart > SLICE_MS) {
      await nextTask();
      taskStart = performance.now();
    }
    work(item);
  }
}
