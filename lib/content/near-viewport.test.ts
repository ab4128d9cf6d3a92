// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAR_MARGIN, intersectionFar, intersectionNear, NEAR_MARGIN } from './near-viewport';

/** An IntersectionObserver the test drives: it keeps what is observed and reports on demand. */
class DrivenObserver {
  static last: DrivenObserver | undefined;
  observed = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback, readonly options?: IntersectionObserverInit) {
    DrivenObserver.last = this;
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
  report(entries: [Element, boolean][]) {
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting }) as IntersectionObserverEntry), this as unknown as IntersectionObserver);
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('near the viewport', () => {
  it('watches with a screen of margin and tells each anchor as it comes near, once', () => {
    vi.stubGlobal('IntersectionObserver', DrivenObserver);
    const came: Element[][] = [];
    const watch = intersectionNear((anchors) => came.push(anchors));
    const [a, b] = [document.createElement('a'), document.createElement('a')];
    watch.watch(a);
    watch.watch(b);
    const observer = DrivenObserver.last!;
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
