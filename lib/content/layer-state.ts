/**
 * What a badge layer keeps, in one place: every reference the layer holds to a badge is in
 * `LayerState`, so removing a badge means leaving this, and nothing else.
 */
import { h } from 'preact';
import type { Interner } from './interned';
import type { FlowView } from '../flow-view';
import type { Client } from '../client';
import { FlowBadge } from '../../components/FlowBadge';
import type { FoundItem } from '../adapters/found-item';
import type { BadgeHost } from './badge-host';
import type { RefreshWindow } from './refresh-window';
import type { SetupNotice } from './setup-notice';
import type { FarWatch, NearWatch, WatchFar, WatchNear } from './near-viewport';

/** Options of a layer. */
export interface BadgeLayerOptions {
  send: Client;
  css: string;
  now: () => number;
  /** Which anchors are near the viewport (near-viewport.ts); without it every anchor is. */
  watchNear?: WatchNear;
  /** Says when a mounted badge has gone far from the viewport (default: never). */
  watchFar?: WatchFar;
}

/** A mounted badge. */
export interface Badge {
  target: FoundItem;
  host: BadgeHost;
}

/** Everything a layer keeps. */
export interface LayerState {
  options: BadgeLayerOptions;
  /** Mounted badges, by anchor. */
  badges: ShownMap<Badge>;
  /**
   * Targets whose badges are not mounted yet, by anchor: waiting for the cache's answer, or far
   * from the viewport until they come near (`near`).
   */
  pending: ShownMap<FoundItem>;
  /** Pending anchors whose cache answer (or its wait) has not come yet: not mounted even when near. */
  waiting: Set<Element>;
  /** Watches pending anchors and says when one comes near the viewport. */
  near: NearWatch;
  /** Watches the anchors of a big page's mounted badges and says when one has gone far (badge-layer.ts, `releaseFar`). */
  far: FarWatch;
  /** Our own mounted host elements, told apart from copies the page made (weakly held; a removed badge's host leaves at once). */
  hosts: WeakSet<Element>;
  /**
   * The latest view of each item a badge showed at `viewsAddress`: those no badge shows now are
   * forgotten at the first removal at another address, or when the layer is cleared.
   */
  views: Map<string, FlowView>;
  /** The page address whose items' views `views` keeps. */
  viewsAddress: string;
  /** Shares the strings the views repeat (interned.ts). */
  intern: Interner;
  refreshes: RefreshWindow;
  /** The page's one notice of a broken set-up (setup-notice.ts). */
  notice: SetupNotice;
  /** Set while views no badge shows wait to be forgotten. */
  forgetTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Writes the contract attributes of a badge and renders it from its item's view. */
export function paint(layer: LayerState, badge: Badge): void {
  const view = layer.views.get(badge.target.key);
  writeContract(badge.host.element, badge.target.key, view);
  const onFixSetup = () => void layer.options.send({ type: 'options/open' }).catch(() => undefined);
  badge.host.show(h(FlowBadge, { view, now: layer.options.now(), ...(view?.setup ? { onFixSetup } : {}) }));
}

/**
 * Badges or targets by anchor that also count, per item, how many of them show it: whether any
 * shows an item is then one lookup, not a pass over all of them. A 5,000-card board's views come
 * in a hundred answers, and each answer went over all 5,000 targets to learn which of its 50 to keep.
 */
export class ShownMap<V> extends Map<Element, V> {
  private readonly counts = new Map<string, number>();

  constructor(private readonly keyOf: (value: V) => string) {
    super();
  }

  override set(anchor: Element, value: V): this {
    this.forget(anchor);
    const key = this.keyOf(value);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return super.set(anchor, value);
  }

  override delete(anchor: Element): boolean {
    return this.forget(anchor) && super.delete(anchor);
  }

  override clear(): void {
    this.counts.clear();
    super.clear();
  }

  /** Whether an entry shows the item of `key`. */
  shows(key: string): boolean {
    return this.counts.has(key);
  }

  /** Takes the count of the entry at `anchor` off; whether there was one. */
  private forget(anchor: Element): boolean {
    if (!super.has(anchor)) return false;
    const key = this.keyOf(super.get(anchor)!);
    const count = this.counts.get(key)!;
    if (count === 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
    return true;
  }
}

/** Whether a badge, mounted or pending, shows the item of `key`. */
export function isShown(layer: LayerState, key: string): boolean {
  return layer.badges.shows(key) || layer.pending.shows(key);
}

/** Writes the badge contract attributes (docs/ARCHITECTURE.md, "Badge contract") on the host element. */
export function writeContract(host: HTMLElement, key: string, view: FlowView | undefined): void {
  host.setAttribute('data-flow-key', key);
  if (!view) return;
  host.setAttribute('data-flow-state', view.state);
  host.setAttribute('data-flow-blockers', String(view.blockers));
  if (view.since) host.setAttribute('data-flow-since', view.since);
  else host.removeAttribute('data-flow-since');
}
