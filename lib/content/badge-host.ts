/**
 * One badge's host element: a <flowlens-badge> with an open shadow root (shadow-host.ts, shared
 * with the page's notice), so host-page CSS can't reach in and ours can't leak out, holding the
 * badge's styles and the element it is rendered into.
 *
 * Mounted here rather than with WXT's `createShadowRootUi`, which gives each UI a callback on
 * `ctx.onInvalidated` and never takes it back (wxt/dist/utils/content-script-ui/shadow-root.mjs,
 * WXT 0.21): the callback holds the host, its shadow root and the anchor, and through the anchor
 * the card around it, so every badge ever removed stayed in memory, with its listeners, until the
 * tab closed (500 badges mounted and removed left 500 callbacks). A host made here is held by
 * nothing outside it: removed, it unmounts its Preact tree (whose effects take their listeners
 * off the document) and leaves the page, and what is left goes with the garbage.
 */
import { render, type ComponentChild } from 'preact';
import type { FoundItem } from '../adapters/found-item';
import { createShadowHost } from './shadow-host';

/** The tag name of our host element (docs/ARCHITECTURE.md, "Badge contract"). */
export const BADGE_TAG = 'flowlens-badge';

/** Where a badge goes: after the found item's anchor, or inside it at the end, raised over an overlaid link. */
export type HostPlace = Pick<FoundItem, 'anchor' | 'placement' | 'overlaid'>;

/** One badge's host, from creation to removal. */
export interface BadgeHost {
  /** The <flowlens-badge> element, which carries the contract attributes. */
  readonly element: HTMLElement;
  /** Puts the host in its place: the first time, or again after the page removed it. */
  attach: () => void;
  /** Renders `tree` in the shadow root while the host is attached (not yet, or no more: nothing). */
  show: (tree: ComponentChild) => void;
  /** Unmounts the tree and takes the host off the page. */
  remove: () => void;
}

/** U+2060 WORD JOINER: no line break on either side of it (Unicode line breaking, class WJ). */
const WORD_JOINER = '\u2060';

/**
 * Creates the host of a badge for `place`, with `css` in its shadow root; not yet on the page.
 * Keys typed in it stay in it (shadow-host.ts); over an overlaid place, clicks too: they would
 * otherwise bubble to the item's own handlers around it (Enter and Space on the button become a
 * click as well).
 */
export function createBadgeHost(place: HostPlace, css: string): BadgeHost {
  const { element, shadow } = createShadowHost(BADGE_TAG, css, { clicks: place.overlaid === true });
  const container = document.createElement('div');
  container.className = 'mount';
  // Inside the shadow root, so the page sees no new attribute on the host.
  if (place.overlaid) container.classList.add('overlaid');
  // A word joiner first, after the styles: no line breaks between the anchor's last word and the badge (badge.css).
  shadow.append(WORD_JOINER, container);
  let attached = false;
  return {
    element,
    attach: () => {
      insert(element, place);
      attached = true;
    },
    show: (tree) => {
      if (attached) render(tree, container);
    },
    remove: () => {
      attached = false;
      render(null, container);
      element.remove();
    },
  };
}

/**
 * Inserts `element` right after the anchor, before any text that follows it (a reference inside a
 * sentence keeps its badge by it: "…blocked by #101 [badge]; the mock-up is in a comment"), or
 * inside it at the end.
 */
function insert(element: HTMLElement, { anchor, placement }: HostPlace): void {
  if (placement === 'inside') anchor.append(element);
  else anchor.after(element);
}
