// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FoundItem } from '../adapters/found-item';
import type { Request } from '../protocol';
import { runContentScript, type SiteAdapter } from './run-content-script';

/**
 * happy-dom's IntersectionObserver never reports: this one says every observed element is in
 * view at the next task, as a browser does for rows on screen.
 */
class InViewObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(target: Element) {
    const entry = { target, isIntersecting: true, boundingClientRect: { width: 40, height: 16 } } as IntersectionObserverEntry;
    setTimeout(() => this.callback([entry], this as unknown as IntersectionObserver), 0);
  }
  unobserve() {}
  disconnect() {}
}

beforeEach(() => vi.stubGlobal('IntersectionObserver', InViewObserver));

afterEach(() => {
  document.body.replaceChildren();
  fakeBrowser.reset();
  vi.unstubAllGlobals();
});

/** An adapter that finds one item per `a.item` and counts how often it is asked. */
function countingAdapter() {
  const calls = { active: 0, find: 0 };
  const adapter: SiteAdapter = {
    site: 'github',
    active: () => (calls.active++, true),
    find: (root) => {
      calls.find++;
      const links = root instanceof Element && root.matches('a.item') ? [root] : [...root.querySelectorAll('a.item')];
      return links.map((anchor): FoundItem => {
        const number = Number(anchor.getAttribute('data-n'));
        return { ref: { source: 'github', host: 'github.com', owner: 'o', repo: 'r', number }, key: `github:o/r#${number}`, anchor };
      });
    },
    expected: () => undefined,
  };
  return { adapter, calls };
}

/** The background's side: records each request and knows no item. */
function recordMessages(): Request[] {
  const sent: Request[] = [];
  fakeBrowser.runtime.onMessage.addListener(((message: Request) => {
    sent.push(message);
    return Promise.resolve(message.type === 'flow/cached' ? { ok: true, data: { views: [], stale: [] } } : { ok: true, data: { views: [] } });
  }) as never);
  return sent;
}

describe('runContentScript', () => {
  it('reads a batch of added parts in one pass: one "is this page read?", one question to the cache', async () => {
    const sent = recordMessages();
    const { adapter, calls } = countingAdapter();
    const ctx = new ContentScriptContext('test');
    runContentScript(ctx, adapter, '');
    expect(calls).toEqual({ active: 1, find: 1 });
    // A list renders three rows at once, as separate elements.
    const rows = [1, 2, 3].map((n) => {
      const row = document.createElement('div');
      const link = document.createElement('a');
      link.className = 'item';
      link.dataset.n = String(n);
      row.append(link);
      return row;
    });
    document.body.append(...rows);
    await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge')).toHaveLength(3));
    expect(calls).toEqual({ active: 2, find: 4 });
    expect(sent.filter((request) => request.type === 'flow/cached').map((request) => ('refs' in request ? request.refs.length : 0))).toEqual([3]);
    ctx.abort();
  });

  describe('a big page, read in slices', () => {
    /** `n` rows, each with its item link, on the page before the script starts. */
    const rows = (n: number) =>
      document.body.append(
        ...Array.from({ length: n }, (_, i) => {
          const row = document.createElement('div');
          const link = row.appendChild(document.createElement('a'));
          link.className = 'item';
          link.dataset.n = String(i + 1);
          return row;
        }),
      );
    /** An adapter that gives its items one at a time and counts how many it has given. */
    const oneAtATime = () => {
      const given = { count: 0 };
      const adapter: SiteAdapter = {
        ...countingAdapter().adapter,
        find: function* (root) {
          for (const item of countingAdapter().adapter.find(root, location.href)) {
            given.count += 1;
            yield item;
          }
        },
      };
      return { adapter, given };
    };
    // Every look at the clock finds 5 ms gone: a slice (SLICE_MS, 12 ms) ends at the third look,
    // one every 25 items.
    beforeEach(() => {
      let now = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    });
    afterEach(() => vi.restoreAllMocks());
    const cachedKeys = (sent: Request[]) => sent.flatMap((request) => (request.type === 'flow/cached' ? request.refs.map((ref) => ('number' in ref ? ref.number : 0)) : []));

    it('gives the page its turn between slices, then asks the cache about every item, each once', async () => {
      const sent = recordMessages();
      rows(300);
      const { adapter, given } = oneAtATime();
      const ctx = new ContentScriptContext('test');
      runContentScript(ctx, adapter, '');
      // The first task read one slice, and nothing was asked yet.
      expect(given.count).toBe(75);
      expect(cachedKeys(sent)).toEqual([]);
      await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge')).toHaveLength(300));
      expect(cachedKeys(sent).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      ctx.abort();
    });

    it('stops reading when the page moves to another address meanwhile', async () => {
      const sent = recordMessages();
      rows(300);
      const { adapter, given } = oneAtATime();
      const ctx = new ContentScriptContext('test');
      runContentScript(ctx, adapter, '');
      history.pushState({}, '', '/elsewhere');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(given.count).toBe(75);
      expect(cachedKeys(sent)).toEqual([]);
      ctx.abort();
      history.pushState({}, '', '/');
    });

    it('stops reading when the extension goes meanwhile', async () => {
      rows(300);
      const { adapter, given } = oneAtATime();
      const ctx = new ContentScriptContext('test');
      runContentScript(ctx, adapter, '');
      ctx.abort();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(given.count).toBe(75);
      expect(document.querySelectorAll('flowlens-badge')).toHaveLength(0);
    });

    it('decorates none of the parts the page took away while it was read', async () => {
      recordMessages();
      rows(300);
      const { adapter } = oneAtATime();
      const ctx = new ContentScriptContext('test');
      runContentScript(ctx, adapter, '');
      document.querySelector('a.item[data-n="10"]')!.parentElement!.remove();
      await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge')).toHaveLength(299));
      expect(document.querySelector('a.item[data-n="10"]')).toBeNull();
      expect([...document.querySelectorAll('a.item')].every((link) => link.nextElementSibling?.localName === 'flowlens-badge')).toBe(true);
      ctx.abort();
    });
  });
});
