/** What a badge layer keeps, in one place, and how a badge is painted from it. */
import { h, render } from 'preact';
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { FlowView } from '../flow-view';
import type { ItemRef } from '../item-key';
import type { Client } from '../messaging';
import { FlowBadge } from '../../components/FlowBadge';
import type { RefreshWindow } from './refresh-window';

/** Something on the page to decorate; the badge goes after `anchor`, or inside it at the end. */
export interface Target {
  ref: ItemRef;
  key: string;
  anchor: Element;
  placement?: 'after' | 'inside';
  /**
   * A link is laid over the anchor's place (a card whose overlay link opens the item): the badge
   * is raised above it, so a click on the badge reaches the badge, and its clicks stay in it.
   */
  overlaid?: boolean;
}

/** Options of a layer. */
export interface BadgeLayerOptions {
  send: Client;
  css: string;
  now: () => number;
}

/** A mounted badge. */
export interface Badge {
  target: Target;
  ui: ShadowRootContentScriptUi<HTMLElement>;
}

/** Everything a layer keeps. */
export interface LayerState {
  options: BadgeLayerOptions;
  /** Mounted badges, by anchor. */
  badges: Map<Element, Badge>;
  /** Anchors whose badges wait for the cache's answer before they are mounted. */
  pending: Set<Element>;
  /** Our own host elements, told apart from copies the page made (weakly held). */
  hosts: WeakSet<Element>;
  /** The latest view of each item. */
  views: Map<string, FlowView>;
  refreshes: RefreshWindow;
}

/** Writes the contract attributes of a badge and renders it from its item's view. */
export function paint(layer: LayerState, badge: Badge): void {
  const view = layer.views.get(badge.target.key);
  writeContract(badge.ui.shadowHost, badge.target.key, view);
  if (badge.ui.mounted) render(h(FlowBadge, { view, now: layer.options.now() }), badge.ui.mounted);
}

/** Writes the badge contract attributes (DESIGN.md) on the host element. */
export function writeContract(host: HTMLElement, key: string, view: FlowView | undefined): void {
  host.setAttribute('data-flow-key', key);
  if (!view) return;
  host.setAttribute('data-flow-state', view.state);
  host.setAttribute('data-flow-blockers', String(view.blockers));
  if (view.since) host.setAttribute('data-flow-since', view.since);
  else host.removeAttribute('data-flow-since');
}
