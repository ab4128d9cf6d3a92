// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_REFS_PER_REQUEST, type Client, type Request } from '../messaging';
import type { ItemRef } from '../item-key';
import type { FlowView } from '../flow-view';
import type { FoundItem } from '../adapters/found-item';
import { CACHE_WAIT_MS, createBadgeLayer, REFRESH_WINDOW_MS } from './badge-layer';

const ref = (n: number): ItemRef => ({ source: 'github', host: 'github.com', owner: 'o', repo: 'r', number: n }) as ItemRef;
const key = (n: number) => `github:o/r#${n}`;

function target(n: number): FoundItem {
  const anchor = document.body.appendChild(document.createElement('a'));
  anchor.textContent = `#${n}`;
  return { ref: ref(n), key: key(n), anchor };
}

/** A background whose cache knows nothing: every item is stale and asked for fresh. */
function emptyCache() {
  const asked: Request[] = [];
  const send = (async (request: Request) => {
    asked.push(request);
    if (request.type === 'flow/cached') return { ok: true, data: { views: [], stale: request.refs.map((r) => key((r as { number: number }).number)) } };
    return { ok: true, data: { views: [] } };
  }) as Client;
  return { send, asked };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('badge layer requests', () => {
  it('asks for fresh data at once, then gathers items found within the window into one request', async () => {
    const { send, asked } = emptyCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1)]);
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/refresh')).toHaveLength(1));
    // Three renders in quick succession, as a page that renders its rows over several tasks.
    await layer.add([target(2)]);
    await layer.add([target(3), target(4)]);
    await layer.add([target(5)]);
    await new Promise((resolve) => setTimeout(resolve, REFRESH_WINDOW_MS * 3));
    const refreshes = asked.filter((r) => r.type === 'flow/refresh');
    expect(refreshes).toHaveLength(2);
    expect(refreshes[1]!.type === 'flow/refresh' && refreshes[1]!.refs.map((r) => (r as { number: number }).number)).toEqual([2, 3, 4, 5]);
    expect(layer.size()).toBe(5);
  });

  it('keeps each message within the protocol limit', async () => {
    const { send, asked } = emptyCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    const n = MAX_REFS_PER_REQUEST + 20;
    await layer.add(Array.from({ length: n }, (_, i) => target(i + 1)));
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/refresh').flatMap((r) => (r.type === 'flow/refresh' ? r.refs : []))).toHaveLength(n));
    const sizes = asked.map((request) => (request.type === 'flow/cached' || request.type === 'flow/refresh' ? request.refs.length : 0));
    expect(Math.max(...sizes)).toBe(MAX_REFS_PER_REQUEST);
  });
});

/** A view of item `n` in the given state, as the cache keeps it. */
function view(n: number, state: FlowView['state'] = 'blocked'): FlowView {
  return { key: key(n), url: `https://github.com/o/r/pull/${n}`, title: `PR ${n}`, state, blockers: 1, text: `${state} 2d`, label: `${state} for 2 days`, moves: [] } as unknown as FlowView;
}

/** A background whose cache answers only when told to. */
function slowCache() {
  let reply: (value: unknown) => void = () => {};
  const send = ((request: Request) => (request.type === 'flow/cached' ? new Promise<unknown>((resolve) => (reply = resolve)) : Promise.resolve({ ok: true, data: { views: [] } }))) as Client;
  return { send, answer: (value: unknown) => reply(value) };
}

const states = () => [...document.querySelectorAll('flowlens-badge')].map((host) => host.getAttribute('data-flow-state'));

describe('badge layer mounting', () => {
  it('asks the cache before it mounts, so a known item is painted once, in its state', async () => {
    const seenAtAsk: number[] = [];
    const send = (async (request: Request) => {
      if (request.type !== 'flow/cached') return { ok: true, data: { views: [] } };
      seenAtAsk.push(document.querySelectorAll('flowlens-badge').length);
      return { ok: true, data: { views: [view(1), view(2, 'waiting')], stale: [] } };
    }) as Client;
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1), target(2)]);
    expect(seenAtAsk).toEqual([0]);
    expect(states()).toEqual(['blocked', 'waiting']);
  });

  it('mounts placeholders when the cache is slow, and paints them when it answers', async () => {
    const { send, answer } = slowCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    const adding = layer.add([target(1)]);
    await new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS + 50));
    expect(states()).toEqual([null]);
    answer({ ok: true, data: { views: [view(1)], stale: [] } });
    await adding;
    expect(states()).toEqual(['blocked']);
  });

  it('gives no badge to an anchor the page dropped while the cache was asked, nor mounts one twice', async () => {
    const { send, answer } = slowCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    const kept = target(1);
    const dropped = target(2);
    const adding = layer.add([kept, dropped]);
    // The page renders again meanwhile: the same anchor is found a second time.
    const again = layer.add([kept]);
    dropped.anchor.remove();
    answer({ ok: true, data: { views: [view(1), view(2)], stale: [] } });
    await Promise.all([adding, again]);
    expect(layer.size()).toBe(1);
    expect(document.querySelectorAll('flowlens-badge')).toHaveLength(1);
  });
});

describe('badge layer and copies the page makes', () => {
  it('removes a dead copy of a badge (a cloned row, a restored snapshot), and leaves live badges alone', async () => {
    const { send } = emptyCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    const row = document.body.appendChild(document.createElement('div'));
    const anchor = row.appendChild(document.createElement('a'));
    await layer.add([{ ref: ref(1), key: key(1), anchor }]);
    await vi.waitFor(() => expect(row.querySelectorAll('flowlens-badge')).toHaveLength(1));
    // The page renders the row again by cloning it: the copy's badge has no shadow root.
    const copy = row.cloneNode(true) as HTMLElement;
    row.replaceWith(copy);
    // Another FlowLens's live badge (it has a shadow root) is not ours to remove.
    const other = copy.appendChild(document.createElement('flowlens-badge'));
    other.attachShadow({ mode: 'open' });
    expect(copy.querySelectorAll('flowlens-badge')).toHaveLength(2);
    layer.dropCopies(copy);
    expect([...copy.querySelectorAll('flowlens-badge')]).toEqual([other]);
    // A badge of ours is never taken for a copy.
    const live = document.body.appendChild(document.createElement('div'));
    const liveAnchor = live.appendChild(document.createElement('a'));
    await layer.add([{ ref: ref(2), key: key(2), anchor: liveAnchor }]);
    await vi.waitFor(() => expect(live.querySelectorAll('flowlens-badge')).toHaveLength(1));
    layer.dropCopies(document);
    expect(live.querySelectorAll('flowlens-badge')).toHaveLength(1);
  });
});

describe('badge layer: items waiting on others on the page', () => {
  it('paints a badge again from the cache when fresh data of the item it waits on arrives', async () => {
    // #1 waits on #2. #1 is known (unverified: #2 not read yet); #2 appears later and is fetched.
    const asked: Request[] = [];
    let oneIs: FlowView['state'] = 'flowing';
    const send = (async (request: Request) => {
      asked.push(request);
      const numbers = 'refs' in request ? request.refs.map((r) => (r as { number: number }).number) : [];
      const one = { ...view(1, oneIs), upstream: [{ key: key(2) }] };
      if (request.type === 'flow/cached') return { ok: true, data: { views: numbers.includes(1) ? [one] : [], stale: numbers.filter((n) => n === 2).map(key) } };
      oneIs = 'blocked';
      return { ok: true, data: { views: numbers.includes(2) ? [view(2, 'waiting')] : [] } };
    }) as Client;
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1)]);
    expect(states()).toEqual(['flowing']);
    await layer.add([target(2)]);
    await vi.waitFor(() => expect(states()).toEqual(['blocked', 'waiting']));
    // The repaint asked the cache for #1 alone, after #2's fresh answer: no other request.
    const afterRefresh = asked.slice(asked.findIndex((r) => r.type === 'flow/refresh') + 1);
    expect(afterRefresh.map((r) => [r.type, 'refs' in r ? r.refs.map((x) => (x as { number: number }).number) : []])).toEqual([['flow/cached', [1]]]);
  });
});
