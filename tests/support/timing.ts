/**
 * The milliseconds of the fastest of `runs` calls of `work`: for the few tests whose bound is a
 * time (a parser must stay linear on hostile text). The fastest run is compared, so one run
 * slowed by the machine (a collection, another process) cannot fail a test, while work that is
 * quadratic is slow in every run.
 */
export function fastestMs(work: () => unknown, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
