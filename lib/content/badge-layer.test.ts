// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_REFS_PER_REQUEST } from '../messaging';
import { fakeClient } from '../testing/fake-client';
import type { ItemRef } from '../item-key';
import type { FlowView } from '../flow-view';
import { errorView } from '../flow-view';
import type { FoundItem } from '../adapters/found-item';
import { CACHE_WAIT_MS, createBadgeLayer, EAGER_LIMIT, NEAR_GUESS, REFRESH_WINDOW_MS, WATCH_IN_NEXT_TASK } from './badge-layer';
import type { WatchFar, WatchNear } from './near-viewport';
import { NEAR_BATCH } from './view-requests';

const ref = (n: number): ItemRef => ({ source: 'github', host: 'github.com', owner: 'o', repo: 'r', number: n }) as ItemRef;
const key = (n: number) => `github:o/r#${n}`;

function target(n: number): FoundItem {
  const anchor = document.body.appendChild(document.createElement('a'));
  anchor.textContent = `#${n}`;
  return { ref: ref(n), key: key(n), anchor };
}

/** A background whose cache knows nothing: every item is stale and asked for fresh. */
function emptyCache() {
  const { send, sent: asked } = fakeClient({
    'flow/cached': (request) => ({ ok: true, data: { views: [], stale: request.refs.map((r) => key((r as { number: number }).number)) } }),
    'flow/refresh': () => ({ ok: true, data: { views: [] } }),
  });
  return { send, asked };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('badge layer requests', () => {
  it('asks for fresh data at once, then gathers items found within the window into one request', async () => {
    // The cache's answers for the later renders are held and given together, and the clock
    // stands still, so the test reads the window's rule, not how fast this machine is.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { send, sent: asked } = fakeClient({
      'flow/cached': async (request) => {
        if (request.refs.some((r) => (r as { number: number }).number > 1)) await held;
        return { ok: true, data: { views: [], stale: request.refs.map((r) => key((r as { number: number }).number)) } };
      },
      'flow/refresh': () => ({ ok: true, data: { views: [] } }),
    });
    const clock = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1)]);
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/refresh')).toHaveLength(1));
    // Three renders in quick succession, as a page that renders its rows over several tasks.
    const adding = Promise.all([layer.add([target(2)]), layer.add([target(3), target(4)]), layer.add([target(5)])]);
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/cached')).toHaveLength(4));
    release();
    await adding;
    await new Promise((resolve) => setTimeout(resolve, REFRESH_WINDOW_MS * 3));
    clock.mockRestore();
    const refreshes = asked.filter((r) => r.type === 'flow/refresh');
    expect(refreshes).toHaveLength(2);
    expect(refreshes[1]!.type === 'flow/refresh' && refreshes[1]!.refs.map((r) => (r as { number: number }).number)).toEqual([2, 3, 4, 5]);
    expect(layer.size()).toBe(5);
  });

  it('keeps each message within the protocol limit', async () => {
    const { send, asked } = emptyCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    // Beyond the first items in the page's order, asked alone, still more than a message holds.
    const n = NEAR_GUESS + MAX_REFS_PER_REQUEST + 20;
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
  const { send } = fakeClient({
    'flow/cached': () => new Promise<unknown>((resolve) => (reply = resolve)),
    'flow/refresh': () => ({ ok: true, data: { views: [] } }),
  });
  return { send, answer: (value: unknown) => reply(value) };
}

const states = () => [...document.querySelectorAll('flowlens-badge')].map((host) => host.getAttribute('data-flow-state'));

describe('badge layer mounting', () => {
  it('asks the cache before it mounts, so a known item is painted once, in its state', async () => {
    const seenAtAsk: number[] = [];
    const { send } = fakeClient({
      'flow/cached': () => {
        seenAtAsk.push(document.querySelectorAll('flowlens-badge').length);
        return { ok: true, data: { views: [view(1), view(2, 'waiting')], stale: [] } };
      },
      'flow/refresh': () => ({ ok: true, data: { views: [] } }),
    });
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
    let oneIs: FlowView['state'] = 'flowing';
    const numbers = (request: { refs: ItemRef[] }) => request.refs.map((r) => (r as { number: number }).number);
    const { send, sent: asked } = fakeClient({
      'flow/cached': (request) => {
        const one = { ...view(1, oneIs), upstream: [{ key: key(2) }] };
        return { ok: true, data: { views: numbers(request).includes(1) ? [one] : [], stale: numbers(request).filter((n) => n === 2).map(key) } };
      },
      'flow/refresh': (request) => {
        oneIs = 'blocked';
        return { ok: true, data: { views: numbers(request).includes(2) ? [view(2, 'waiting')] : [] } };
      },
    });
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

/**
 * Counts the listeners added to `targets` and not removed since: each `addEventListener` and
 * `removeEventListener` call on them goes through here.
 */
function countListeners(targets: EventTarget[]) {
  const live = new Map<EventTarget, Set<string>>();
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  const idOf = (listener: unknown) => {
    if (typeof listener !== 'object' && typeof listener !== 'function') return 0;
    if (!ids.has(listener as object)) ids.set(listener as object, (lastId += 1));
    return ids.get(listener as object)!;
  };
  const keyOf = (type: string, listener: unknown, options: unknown) => {
    const capture = typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean } | undefined)?.capture);
    return `${type} ${idOf(listener)} ${capture}`;
  };
  for (const target of targets) {
    const set = new Set<string>();
    live.set(target, set);
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
      set.add(keyOf(type, listener, options));
      add(type, listener, options);
    });
    vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
      set.delete(keyOf(type, listener, options));
      remove(type, listener, options);
    });
  }
  return () => [...live.values()].map((set) => set.size);
}

/** A background whose cache knows every item, fresh: no refresh is asked for. */
function knownCache() {
  return fakeClient({
    'flow/cached': (request) => ({ ok: true, data: { views: request.refs.map((r) => view((r as { number: number }).number)), stale: [] } }),
    'flow/refresh': () => ({ ok: true, data: { views: [] } }),
  });
}

describe('badge layer: a removed badge releases what it held', () => {
  it('leaves no listener on the window, the document or the context after 500 badges come and go', async () => {
    const ctx = new ContentScriptContext('test');
    const listeners = countListeners([window, document, ctx.signal]);
    const layer = createBadgeLayer(ctx, { send: knownCache().send, css: '', now: Date.now });
    const before = listeners();
    // Three ways a badge goes: its anchor leaves the page, a navigation clears the layer, the
    // page reuses the anchor for another item.
    const leaving = Array.from({ length: 200 }, (_, i) => target(i + 1));
    await layer.add(leaving);
    expect(layer.size()).toBe(200);
    // An open card listens on the document for Escape and outside clicks, and on the window for
    // its size (to place itself): removing its badge must take those too. (Opening one card may
    // close another, by its outside click: at least one stays open.)
    const buttons = [...document.querySelectorAll('flowlens-badge')].slice(0, 3).map((host) => host.shadowRoot!.querySelector('button')!);
    for (const button of buttons) button.click();
    await vi.waitFor(() => {
      expect(listeners()[0]).toBeGreaterThan(before[0]!);
      expect(listeners()[1]).toBeGreaterThanOrEqual(before[1]! + 2);
    });
    for (const { anchor } of leaving) anchor.remove();
    layer.sweep();
    await layer.add(Array.from({ length: 150 }, (_, i) => target(i + 201)));
    layer.clear();
    const reused = Array.from({ length: 75 }, (_, i) => target(i + 401));
    await layer.add(reused);
    await layer.add(reused.map((t, i) => ({ ...t, key: key(i + 1001), ref: ref(i + 1001) })));
    layer.clear();
    expect(document.querySelectorAll('flowlens-badge')).toHaveLength(0);
    expect(listeners()).toEqual(before);
    // The views of items no badge shows are forgotten a task later.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(layer.held()).toEqual({ badges: 0, pending: 0, views: 0 });
  });

  it('paints items shown before at this address from what it knew, and forgets them at another address', async () => {
    const { send, sent: asked } = knownCache();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    const first = target(1);
    await layer.add([first, target(2)]);
    expect(asked).toHaveLength(1);
    // A list that renders only the rows in view: #1 scrolls out, and comes back later.
    first.anchor.remove();
    layer.sweep();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await layer.add([target(1)]);
    expect(asked).toHaveLength(1);
    expect(states()).toEqual(['blocked', 'blocked']);
    // A single-page navigation to another list: the first removal there forgets what no badge shows.
    const address = location.href;
    history.pushState({}, '', '/other-list');
    for (const anchor of document.querySelectorAll('a')) anchor.remove();
    layer.sweep();
    await layer.add([target(3)]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(layer.held()).toEqual({ badges: 1, pending: 0, views: 1 });
    history.pushState({}, '', address);
  });
});

describe('the set-up notice (issue 15)', () => {
  const refused = { code: 'unauthorized' as const, message: 'GitHub refused the credentials (401). Check the token in FlowLens options.' };

  /** A background whose refresh fails every item with `error`, as one answer per item. */
  function failing(error: { code: 'unauthorized' | 'not-found'; message: string }) {
    return fakeClient({
      'flow/cached': (request) => ({ ok: true, data: { views: [], stale: request.refs.map((r) => key((r as { number: number }).number)) } }),
      'flow/refresh': (request) => ({ ok: true, data: { views: request.refs.map((r) => errorView(key((r as { number: number }).number), '', error)) } }),
      'options/open': () => ({ ok: true, data: { opened: true } }),
    });
  }
  const notices = () => [...document.querySelectorAll('flowlens-notice')];

  it('mounts exactly one notice for 30 badges with the same set-up error, and its button opens the settings', async () => {
    const { send, sent } = failing(refused);
    const ctx = new ContentScriptContext('test');
    const layer = createBadgeLayer(ctx, { send, css: '', now: Date.now });
    await layer.add(Array.from({ length: 30 }, (_, n) => target(n + 1)));
    await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge[data-flow-state="error"]')).toHaveLength(30));
    expect(notices()).toHaveLength(1);
    const box = notices()[0]!.shadowRoot!.querySelector('[role="status"]')!;
    expect(box.textContent).toContain(refused.message);
    expect(document.activeElement).toBe(document.body);
    (box.querySelector('[data-testid="flowlens-notice-fix"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(sent.filter((r) => r.type === 'options/open')).toHaveLength(1));
    layer.clear();
    expect(notices()).toHaveLength(0);
  });

  it('shows a 403 its provider said is the set-up’s, after the message boundary, though its words do not name a token (review leftover 1)', async () => {
    const lacking = { code: 'forbidden', message: 'GitHub denied access (403): Resource not accessible by integration.', setup: true };
    // Chrome hands a message's answer over as JSON: the field must live through that.
    const answer = JSON.parse(JSON.stringify({ ok: false, error: lacking }));
    const { send } = fakeClient({
      'flow/cached': (request) => ({ ok: true, data: { views: [], stale: request.refs.map((r) => key((r as { number: number }).number)) } }),
      'flow/refresh': () => answer,
    });
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1), target(2)]);
    await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge[data-flow-state="error"]')).toHaveLength(2));
    const texts = [...document.querySelectorAll('flowlens-badge')].map((badge) => badge.shadowRoot!.querySelector('button')!.className);
    for (const name of texts) expect(name).toMatch(/\bsetup\b/);
    expect(notices()).toHaveLength(1);
    layer.clear();
  });

  it('mounts none for a 404', async () => {
    const { send } = failing({ code: 'not-found', message: 'GitHub has no such item (404).' });
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now });
    await layer.add([target(1), target(2)]);
    await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge[data-flow-state="error"]')).toHaveLength(2));
    expect(notices()).toHaveLength(0);
  });

  it('stays closed once closed, and leaves with the context', async () => {
    const { send } = failing(refused);
    const ctx = new ContentScriptContext('test');
    const layer = createBadgeLayer(ctx, { send, css: '', now: Date.now });
    await layer.add([target(1)]);
    await vi.waitFor(() => expect(notices()).toHaveLength(1));
    (notices()[0]!.shadowRoot!.querySelector('button[aria-label="Close the FlowLens notice"]') as HTMLButtonElement).click();
    expect(notices()).toHaveLength(0);
    await layer.add([target(2)]);
    await vi.waitFor(() => expect(document.querySelectorAll('flowlens-badge[data-flow-state="error"]')).toHaveLength(2));
    expect(notices()).toHaveLength(0);
    layer.clear();
    await layer.add([target(3)]);
    await vi.waitFor(() => expect(notices()).toHaveLength(1));
    ctx.abort();
    expect(notices()).toHaveLength(0);
  });
});

/** A watch whose near anchors the test decides, and the anchors it watches now. */
function controlledNear() {
  const near = new Set<Element>();
  const watched = new Set<Element>();
  let report: (anchors: Element[]) => void = () => {};
  const watchNear: WatchNear = (onNear) => {
    report = onNear;
    return { watch: (a) => void watched.add(a), unwatch: (a) => void watched.delete(a), isNear: (a) => near.has(a), settled: () => Promise.resolve(), disconnect: () => watched.clear() };
  };
  const bringNear = (anchors: Element[]) => {
    for (const anchor of anchors) near.add(anchor);
    report(anchors);
  };
  return { watchNear, near, watched, bringNear };
}

/** A watch of mounted badges whose far anchors the test reports, and the anchors it watches now. */
function controlledFar() {
  const watched = new Set<Element>();
  let report: (anchors: Element[]) => void = () => {};
  const watchFar: WatchFar = (onFar) => {
    report = onFar;
    return { watch: (a) => void watched.add(a), unwatch: (a) => void watched.delete(a), disconnect: () => watched.clear() };
  };
  return { watchFar, watched, goFar: (anchors: Element[]) => report(anchors) };
}

describe('badge layer taking far badges off again', () => {
  /** A big page (EAGER_LIMIT + 5 items) whose first `nearCount` are near, added to a layer that knows every item. */
  async function bigPage(nearCount: number) {
    const { send, sent: asked } = knownCache();
    const near = controlledNear();
    const far = controlledFar();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear: near.watchNear, watchFar: far.watchFar });
    const targets = Array.from({ length: EAGER_LIMIT + 5 }, (_, i) => target(i + 1));
    for (const t of targets.slice(0, nearCount)) near.near.add(t.anchor);
    await layer.add(targets);
    return { asked, near, far, layer, targets };
  }

  it('on a big page takes off the badges gone far, keeps their views, and paints them again when they come near', async () => {
    const { asked, near, far, layer, targets } = await bigPage(3);
    expect(layer.size()).toBe(3);
    // Each mounted badge is watched for going far.
    expect(far.watched).toEqual(new Set(targets.slice(0, 3).map((t) => t.anchor)));
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/cached').flatMap((r) => r.refs)).toHaveLength(targets.length));
    const questions = asked.length;
    // #1 goes far: its badge is taken off, its anchor watched to come near, its view kept.
    near.near.delete(targets[0]!.anchor);
    far.goFar([targets[0]!.anchor]);
    expect(layer.held()).toMatchObject({ badges: 2, pending: targets.length - 2, views: targets.length });
    expect(document.querySelector(`[data-flow-key="${key(1)}"]`)).toBeNull();
    expect(near.watched.has(targets[0]!.anchor)).toBe(true);
    expect(far.watched.has(targets[0]!.anchor)).toBe(false);
    // Back near: painted again in its state from the kept view, with no new question.
    near.bringNear([targets[0]!.anchor]);
    await vi.waitFor(() => expect(document.querySelector(`[data-flow-key="${key(1)}"]`)?.getAttribute('data-flow-state')).toBe('blocked'));
    expect(asked).toHaveLength(questions);
    expect(document.querySelectorAll(`[data-flow-key="${key(1)}"]`)).toHaveLength(1);
    expect(far.watched.has(targets[0]!.anchor)).toBe(true);
  });

  it('keeps a far badge in use: focus in it', async () => {
    const { far, layer, targets } = await bigPage(2);
    const host = document.querySelector(`[data-flow-key="${key(1)}"]`)!;
    await vi.waitFor(() => expect(host.shadowRoot!.querySelector('button')).toBeTruthy());
    host.shadowRoot!.querySelector('button')!.focus();
    far.goFar([targets[0]!.anchor, targets[1]!.anchor]);
    await vi.waitFor(() => expect(document.querySelector(`[data-flow-key="${key(2)}"]`)).toBeNull());
    expect(host.isConnected).toBe(true);
    expect(layer.size()).toBe(1);
  });

  it('never takes off the badges of a small page', async () => {
    const { send } = knownCache();
    const far = controlledFar();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchFar: far.watchFar });
    await layer.add([target(1), target(2)]);
    expect(layer.size()).toBe(2);
    expect(far.watched.size).toBe(0);
  });
});

describe('badge layer painting near the viewport', () => {
  it('on a big page asks for every item page-wide, paints the near ones, and the rest as they come near', async () => {
    const { send, asked } = emptyCache();
    const watch = controlledNear();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear: watch.watchNear });
    const n = EAGER_LIMIT + 5;
    const targets = Array.from({ length: n }, (_, i) => target(i + 1));
    const far = (t: FoundItem) => t.anchor;
    for (const t of targets.slice(0, 2)) watch.near.add(t.anchor);
    await layer.add(targets);
    // The first NEAR_GUESS in the page's order asked of the cache first, before the layout says
    // which are near (the near two among them, asked for no more); then every other item (in
    // messages of at most MAX_REFS_PER_REQUEST), each once; two badges, on the near anchors.
    const cachedRefs = asked.flatMap((r) => (r.type === 'flow/cached' ? [r.refs] : []));
    expect(cachedRefs[0]).toEqual(targets.slice(0, NEAR_GUESS).map((t) => t.ref));
    expect(cachedRefs.flat()).toEqual(targets.map((t) => t.ref));
    expect(layer.size()).toBe(2);
    expect([...document.querySelectorAll('flowlens-badge')].map((host) => host.getAttribute('data-flow-key'))).toEqual([key(1), key(2)]);
    // Mounted badges are no longer watched; the far ones are.
    expect(watch.watched).toEqual(new Set(targets.slice(2).map(far)));
    // Fresh data: the near two first, in a request of at most NEAR_BATCH filled with far ones,
    // then the rest page-wide, each item once.
    const refreshed = () => asked.flatMap((r) => (r.type === 'flow/refresh' ? [r.refs] : []));
    await vi.waitFor(() => expect(refreshed().flat()).toHaveLength(n));
    expect(refreshed()[0]!.slice(0, 2)).toEqual([ref(1), ref(2)]);
    expect(refreshed()[0]).toHaveLength(NEAR_BATCH);
    expect(new Set(refreshed().flat().map((r) => (r as { number: number }).number)).size).toBe(n);
    const questions = asked.filter((r) => r.type === 'flow/cached').length;
    // Scrolled: #4 comes near and gets its badge, with no new question to the cache.
    watch.bringNear([targets[3]!.anchor]);
    await vi.waitFor(() => expect(layer.size()).toBe(3));
    expect(asked.filter((r) => r.type === 'flow/cached')).toHaveLength(questions);
    expect(document.querySelector(`[data-flow-key="${key(4)}"]`)?.previousElementSibling).toBe(targets[3]!.anchor);
    // #5 leaves the page before it came near: forgotten, not watched, never mounted.
    targets[4]!.anchor.remove();
    layer.sweep();
    expect(layer.held()).toMatchObject({ badges: 3, pending: n - 4 });
    expect(watch.watched.has(targets[4]!.anchor)).toBe(false);
    watch.bringNear([targets[4]!.anchor]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(layer.size()).toBe(3);
    layer.clear();
    expect(layer.held()).toMatchObject({ badges: 0, pending: 0 });
    expect(watch.watched.size).toBe(0);
  });

  it('asks the cache for the first items in the page’s order before the layout says which are near, and for none of them again', async () => {
    const { send, asked } = emptyCache();
    let layOut: () => void = () => {};
    const laidOut = new Promise<void>((resolve) => (layOut = resolve));
    const watch = controlledNear();
    const watchNear: WatchNear = (onNear) => ({ ...watch.watchNear(onNear), settled: () => laidOut });
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear });
    const targets = Array.from({ length: EAGER_LIMIT + 30 }, (_, i) => target(i + 1));
    // #3 is near, #70 too: one among the guessed, one not.
    for (const t of [targets[2]!, targets[69]!]) watch.near.add(t.anchor);
    const adding = layer.add(targets);
    await vi.waitFor(() => expect(asked.filter((r) => r.type === 'flow/cached')).toHaveLength(1));
    expect(asked[0]).toEqual({ type: 'flow/cached', refs: targets.slice(0, NEAR_GUESS).map((t) => t.ref) });
    layOut();
    await adding;
    const cachedRefs = asked.flatMap((r) => (r.type === 'flow/cached' ? [r.refs] : []));
    // Then #70 alone (the near one not guessed), then the rest; each item asked once.
    expect(cachedRefs[1]).toEqual([ref(70)]);
    expect(cachedRefs.flat()).toHaveLength(targets.length);
    expect(layer.size()).toBe(2);
  });

  it('watches a whole board’s anchors in the task after the one that found them, and not those gone meanwhile', async () => {
    const { send } = emptyCache();
    const watch = controlledNear();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear: watch.watchNear });
    const targets = Array.from({ length: WATCH_IN_NEXT_TASK + 1 }, (_, i) => target(i + 1));
    const adding = layer.add(targets);
    // Nothing watched in the task that found them; the page drops one card before the next task.
    expect(watch.watched.size).toBe(0);
    targets[0]!.anchor.remove();
    layer.sweep();
    await adding;
    expect(watch.watched).toEqual(new Set(targets.slice(1).map((t) => t.anchor)));
    expect(layer.held()).toMatchObject({ badges: 0, pending: WATCH_IN_NEXT_TASK });
    // A board of fewer is watched at once, in the task that found it.
    layer.clear();
    const fewer = layer.add(Array.from({ length: WATCH_IN_NEXT_TASK }, (_, i) => target(5_000 + i)));
    expect(watch.watched.size).toBe(WATCH_IN_NEXT_TASK);
    await fewer;
  });

  it('paints a small page whole, watching nothing, and an item page’s own title however far', async () => {
    const { send } = emptyCache();
    const watch = controlledNear();
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear: watch.watchNear });
    await layer.add(Array.from({ length: EAGER_LIMIT }, (_, i) => target(i + 1)));
    expect(layer.size()).toBe(EAGER_LIMIT);
    expect(watch.watched.size).toBe(0);
    const title = { ...target(500), placement: 'inside' as const };
    await layer.add([title, target(501)]);
    expect(layer.size()).toBe(EAGER_LIMIT + 1);
    expect(document.querySelector(`[data-flow-key="${key(500)}"]`)).not.toBeNull();
    expect([...watch.watched]).toEqual([document.querySelectorAll('a')[EAGER_LIMIT + 1]]);
  });

  it('mounts an anchor that comes near while the cache is asked only once the answer is in, once', async () => {
    const watch = controlledNear();
    const answers: (() => void)[] = [];
    const answer = () => answers.splice(0).forEach((give) => give());
    const { send } = fakeClient({
      'flow/cached': (request) => new Promise((resolve) => answers.push(() => resolve({ ok: true, data: { views: request.refs.map((r) => view((r as { number: number }).number)), stale: [] } }))),
      'flow/refresh': () => ({ ok: true, data: { views: [] } }),
    });
    const layer = createBadgeLayer(new ContentScriptContext('test'), { send, css: '', now: Date.now, watchNear: watch.watchNear });
    // A big page: the last of EAGER_LIMIT + 1 items is watched.
    const rest = Array.from({ length: EAGER_LIMIT }, (_, i) => target(i + 1));
    const t = target(EAGER_LIMIT + 1);
    const adding = layer.add([...rest, t]);
    // Near only once the page-wide questions are out (none was near when the layer looked): the
    // first NEAR_GUESS items in the page's order, then the rest.
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    watch.bringNear([t.anchor]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(layer.size()).toBe(0);
    answer();
    await adding;
    expect(layer.size()).toBe(1);
    expect(states()).toEqual(['blocked']);
    watch.bringNear([t.anchor]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(document.querySelectorAll('flowlens-badge')).toHaveLength(1);
  });
});
