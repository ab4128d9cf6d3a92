// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAR_MARGIN, GROUP_SIZE, intersectionFar, intersectionNear, NEAR_MARGIN, SCOUT_MARGIN } from './near-viewport';

/** An IntersectionObserver the test drives: it keeps what is observed and reports on demand. */
class DrivenObserver {
  static last: DrivenObserver | undefined;
  static all: DrivenObserver[] = [];
  observed = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback, readonly options?: IntersectionObserverInit) {
    DrivenObserver.last = this;
    DrivenObserver.all.push(this);
  }
  /** The observer made with `margin`, of those made last. */
  static withMargin(margin: string): DrivenObserver {
    return DrivenObserver.all.findLast((observer) => observer.options?.rootMargin === margin)!;
  }
  observe(target: Element) {
    this.observed.add(target);
  }
  unobserve(target: Element) {
    this.observed.delete(target);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Reports each target within the margin or not; one `hidden` has no box (an empty rectangle). */
  report(entries: [Element, boolean][], hidden: Element[] = []) {
    const box = (target: Element) => (hidden.includes(target) ? { width: 0, height: 0 } : { width: 40, height: 16 });
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting, boundingClientRect: box(target) }) as IntersectionObserverEntry), this as unknown as IntersectionObserver);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  DrivenObserver.all = [];
  document.body.replaceChildren();
});

/** `n` anchors on the page. */
function anchors(n: number): HTMLAnchorElement[] {
  const made = Array.from({ length: n }, () => document.createElement('a'));
  document.body.append(...made);
  return made;
}

describe('near the viewport', () => {
  it('watches with a screen of margin and tells each anchor as it comes near, once', () => {
    vi.stubGlobal('IntersectionObserver', DrivenObserver);
    const came: Element[][] = [];
    const watch = intersectionNear((anchors) => came.push(anchors));
    const [a, b] = [document.createElement('a'), document.createElement('a')];
    watch.watch(a);
    watch.watch(b);
    const observer = DrivenObserver.withMargin(NEAR_MARGIN);
    expect(observer.options).toEqual({ rootMargin: NEAR_MARGIN });
    observer.report([[a, true], [b, false]]);
    expect(came).toEqual([[a]]);
    expect([watch.isNear(a), watch.isNear(b)]).toEqual([true, false]);
    // Still near in the next report: not told again. Gone far, then near again: told again.
    observer.report([[a, true]]);
    observer.report([[a, false], [b, true]]);
    observer.report([[a, true]]);
    expect(came).toEqual([[a], [b], [a]]);
    watch.unwatch(a);
    expect([watch.isNear(a), observer.observed.has(a)]).toEqual([false, false]);
    watch.disconnect();
    expect(observer.observed.size).toBe(0);
  });
});

describe('near the viewport, watched in groups', () => {
  /** A watch of `n` anchors on the page, watched in one task, and its two observers. */
  async function watching(n: number) {
    vi.stubGlobal('IntersectionObserver', DrivenObserver);
    const came: Element[][] = [];
    const watch = intersectionNear((list) => came.push(list));
    const list = anchors(n);
    for (const anchor of list) watch.watch(anchor);
    // The last group is closed, and its scouts chosen, once the task that filled it ends.
    await Promise.resolve();
    return { watch, list, came, close: DrivenObserver.withMargin(NEAR_MARGIN), scouts: DrivenObserver.withMargin(SCOUT_MARGIN) };
  }
  const at = (list: Element[], indices: number[]) => indices.map((i) => list[i]!);

  it('scouts each group by its first, middle and last anchors, and watches every anchor until they have told', async () => {
    const { list, close, scouts } = await watching(60);
    expect(GROUP_SIZE).toBe(24);
    expect(scouts.observed).toEqual(new Set(at(list, [0, 12, 23, 24, 36, 47, 48, 54, 59])));
    expect(close.observed).toEqual(new Set(list));
  });

  it('stops watching the anchors of groups whose scouts are far, and watches them again as a scout comes within its margin', async () => {
    const { watch, list, came, close, scouts } = await watching(60);
    let settled = false;
    void watch.settled().then(() => (settled = true));
    // The first group's scouts are within three screens; the others' are not.
    scouts.report(list.filter((_, i) => scouts.observed.has(list[i]!)).map((anchor) => [anchor, list.indexOf(anchor) < 24]));
    // The far groups' anchors have not told yet: still watched (a group may be taller than its scouts' margin).
    expect(close.observed.size).toBe(60);
    close.report(list.map((anchor, i) => [anchor, i < 5]));
    expect(came).toEqual([at(list, [0, 1, 2, 3, 4])]);
    expect(close.observed).toEqual(new Set(list.slice(0, 24)));
    await Promise.resolve();
    expect(settled).toBe(true);
    // Scrolled down: the last group's middle scout comes within its margin, then #50 comes near.
    scouts.report([[list[54]!, true]]);
    expect(close.observed).toEqual(new Set([...list.slice(0, 24), ...list.slice(48)]));
    close.report(list.slice(48).map((anchor, i) => [anchor, i + 48 === 50]));
    expect(came.at(-1)).toEqual([list[50]]);
    expect(watch.isNear(list[50]!)).toBe(true);
  });

  it('keeps watching a group while one of its anchors is near, whatever its scouts say', async () => {
    const { list, came, close, scouts } = await watching(24);
    close.report(list.map((anchor, i) => [anchor, i === 6]));
    // A group taller than the scouts' margin: #6 is near, every scout beyond three screens.
    scouts.report(at(list, [0, 12, 23]).map((anchor) => [anchor, false]));
    expect(close.observed.size).toBe(24);
    // #6 goes far too: now the group is not watched anchor by anchor.
    close.report([[list[6]!, false]]);
    expect(close.observed.size).toBe(0);
    expect(came).toEqual([[list[6]]]);
  });

  it('keeps watching a group whose scouts have no box (hidden), whatever else they say', async () => {
    const { list, came, close, scouts } = await watching(24);
    // The first, middle and last cards are hidden (a collapsed swimlane); the others are on the page, far.
    scouts.report(at(list, [0, 12, 23]).map((anchor) => [anchor, false]), at(list, [0, 12, 23]));
    close.report(list.map((anchor) => [anchor, false]));
    expect(close.observed.size).toBe(24);
    // Scrolled: #5 comes near and is told.
    close.report([[list[5]!, true]]);
    expect(came).toEqual([[list[5]]]);
    // The scouts are shown again, beyond their margin, and #5 goes far: the group is no longer watched anchor by anchor.
    scouts.report(at(list, [0, 12, 23]).map((anchor) => [anchor, false]));
    close.report([[list[5]!, false]]);
    expect(close.observed.size).toBe(0);
  });

  it('puts another anchor in the place of a scout the page removed', async () => {
    const { list, scouts } = await watching(24);
    list[12]!.remove();
    scouts.report([[list[12]!, false]]);
    expect(scouts.observed).toEqual(new Set(at(list, [0, 1, 23])));
  });

  it('gives a group another scout when one of its scouts is watched again in a group of its own', async () => {
    const { watch, list, scouts } = await watching(24);
    // #0's badge is mounted (no longer watched), then taken off far away and watched again.
    watch.unwatch(list[0]!);
    expect(scouts.observed.has(list[0]!)).toBe(true);
    watch.watch(list[0]!);
    await Promise.resolve();
    // #1 scouts for the old group; #0 for its new group of one.
    expect(scouts.observed).toEqual(new Set(at(list, [0, 1, 12, 23])));
    watch.unwatch(list[0]!);
    expect(scouts.observed).toEqual(new Set(at(list, [1, 12, 23])));
  });

  it('drops the scouts of a group none of whose anchors is watched any more', async () => {
    const { watch, list, close, scouts } = await watching(24);
    for (const anchor of list) watch.unwatch(anchor);
    expect([close.observed.size, scouts.observed.size]).toEqual([0, 0]);
    let settled = false;
    await watch.settled().then(() => (settled = true));
    expect(settled).toBe(true);
  });
});

describe('far from the viewport', () => {
  it('watches with three screens of margin and tells the anchors that are, or go, beyond them', () => {
    vi.stubGlobal('IntersectionObserver', DrivenObserver);
    const gone: Element[][] = [];
    const watch = intersectionFar((anchors) => gone.push(anchors));
    const [a, b] = [document.createElement('a'), document.createElement('a')];
    watch.watch(a);
    watch.watch(b);
    const observer = DrivenObserver.last!;
    expect(observer.options).toEqual({ rootMargin: FAR_MARGIN });
    observer.report([[a, true], [b, true]]);
    expect(gone).toEqual([]);
    observer.report([[a, false]]);
    expect(gone).toEqual([[a]]);
    watch.unwatch(a);
    expect(observer.observed.has(a)).toBe(false);
    watch.disconnect();
    expect(observer.observed.size).toBe(0);
  });
});
