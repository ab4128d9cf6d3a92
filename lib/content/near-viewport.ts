/**
 * Which anchors are near enough to the viewport to be worth a badge (issue 17): within about a
 * screen of it, in any direction. A board of 5,000 cards gets badges on the few dozen the user
 * can reach at once; the rest get theirs as they come near. Data is still read page-wide; only
 * painting waits. An IntersectionObserver does the watching, so no scroll handler runs on the
 * page and a far anchor costs nothing until it comes near.
 */

/** How far beyond the viewport counts as near: one viewport's width and height on every side. */
export const NEAR_MARGIN = '100%';

/** Watches anchors and says when each comes near the viewport. */
export interface NearWatch {
  /** Starts watching `anchor`; `onNear` is called when it is (or comes) near. */
  watch(anchor: Element): void;
  /** Stops watching `anchor` (its badge is mounted, or it left the page). */
  unwatch(anchor: Element): void;
  /** Whether `anchor` was near at the last report. */
  isNear(anchor: Element): boolean;
  /** Resolves once every anchor watched so far has been reported on, near or not, at least once. */
  settled(): Promise<void>;
  /** Stops watching everything. */
  disconnect(): void;
}

/** Makes a watch that reports anchors coming near to `onNear`. */
export type WatchNear = (onNear: (anchors: Element[]) => void) => NearWatch;

/**
 * The real watch: an IntersectionObserver on the viewport with one screen of margin. An anchor
 * with no box (hidden) is not near; one that scrolls into reach is reported in the observer's
 * next notification, after layout, without a synchronous layout of ours.
 */
export const intersectionNear: WatchNear = (onNear) => {
  const near = new WeakSet<Element>();
  // Watched anchors the observer has not reported on yet (it reports each new one, near or not,
  // in its next notification), and who waits for them all.
  const unreported = new Set<Element>();
  let waiting: (() => void)[] = [];
  const settle = () => {
    if (unreported.size > 0 || waiting.length === 0) return;
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  const observer = new IntersectionObserver(
    (entries) => {
      const came: Element[] = [];
      for (const entry of entries) {
        unreported.delete(entry.target);
        if (entry.isIntersecting) {
          if (!near.has(entry.target)) came.push(entry.target);
          near.add(entry.target);
        } else {
          near.delete(entry.target);
        }
      }
      settle();
      if (came.length > 0) onNear(came);
    },
    { rootMargin: NEAR_MARGIN },
  );
  return {
    watch: (anchor) => {
      unreported.add(anchor);
      observer.observe(anchor);
    },
    unwatch: (anchor) => {
      observer.unobserve(anchor);
      near.delete(anchor);
      unreported.delete(anchor);
      settle();
    },
    isNear: (anchor) => near.has(anchor),
    settled: () => (unreported.size === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
    disconnect: () => {
      observer.disconnect();
      unreported.clear();
      settle();
    },
  };
};

/** A watch for which every anchor is near at once: where there is no IntersectionObserver (and in unit tests of other things). */
export const everywhereNear: WatchNear = () => ({
  watch: () => {},
  unwatch: () => {},
  isNear: () => true,
  settled: () => Promise.resolve(),
  disconnect: () => {},
});

/**
 * How far beyond the viewport a mounted badge may go before it is taken off the page again:
 * three viewports on every side. Further than NEAR_MARGIN, so a badge is not mounted and taken
 * off in turn while the user scrolls to and fro; near enough that a long board holds only the
 * badges of a few screens, not one per card it was scrolled through.
 */
export const FAR_MARGIN = '300%';

/** Watches mounted badges' anchors and says when one has gone far from the viewport. */
export interface FarWatch {
  watch(anchor: Element): void;
  unwatch(anchor: Element): void;
  disconnect(): void;
}

/** Makes a watch that reports anchors gone far to `onFar`. */
export type WatchFar = (onFar: (anchors: Element[]) => void) => FarWatch;

/** The real watch: an IntersectionObserver with FAR_MARGIN; an anchor with no box (hidden) is far too. */
export const intersectionFar: WatchFar = (onFar) => {
  const observer = new IntersectionObserver(
    (entries) => {
      const gone = entries.filter((entry) => !entry.isIntersecting).map((entry) => entry.target);
      if (gone.length > 0) onFar(gone);
    },
    { rootMargin: FAR_MARGIN },
  );
  return { watch: (anchor) => observer.observe(anchor), unwatch: (anchor) => observer.unobserve(anchor), disconnect: () => observer.disconnect() };
};

/** A watch for which no anchor ever goes far: where there is no IntersectionObserver (and in unit tests of other things). */
export const nowhereFar: WatchFar = () => ({ watch: () => {}, unwatch: () => {}, disconnect: () => {} });
