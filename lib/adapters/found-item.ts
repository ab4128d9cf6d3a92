/**
 * What a site adapter finds on a page: the one shape the GitHub and Jira adapters give and the
 * content side's badge layer takes. Adapters only read the page; the layer mounts the badges.
 */
import type { ItemRef } from '../item-key';

/** An item on the page and the element its badge goes by: after `anchor`, or inside it at the end. */
export interface FoundItem<Ref extends ItemRef = ItemRef> {
  ref: Ref;
  /** The item's canonical key (`formatKey(ref)`). */
  key: string;
  anchor: Element;
  placement?: 'after' | 'inside';
  /**
   * A link is laid over the anchor's place (a card whose overlay link opens the item): the badge
   * is raised above it, so a click on the badge reaches the badge, and its clicks stay in it.
   */
  overlaid?: boolean;
}
