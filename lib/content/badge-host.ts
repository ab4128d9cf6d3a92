/**
 * One badge's host element: a <flowlens-badge> with an open shadow root, so host-page CSS can't
 * reach in and ours can't leak out, holding the badge's styles and the element it is rendered
 * into.
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

/**
 * The host resets every inherited style, as WXT's shadow-root UIs do. The rules a shadow root
 * ignores (`@font-face`, `@property`) would have to go into the document: badge.css has none.
 */
const HOST_RESET = ':host{all:initial !important;}';

/** Keys typed in a badge stay in it: the host page's shortcuts must not see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

/**
 * Over an overlaid place, clicks stay in the badge too: they would otherwise bubble to the item's
 * own handlers around it. Enter and Space on the button become a click as well.
 */
const OVERLAID_ISOLATED_EVENTS = [...ISOLATED_EVENTS, 'click'];

/** U+2060 WORD JOINER: no line break on either side of it (Unicode line breaking, class WJ). */
const WORD_JOINER = '\u2060';

const stopPropagation = (event: Event) => event.stopPropagation();

/** Creates the host of a badge for `place`, with `css` in its shadow root; not yet on the page. */
export function createBadgeHost(place: HostPlace, css: string): BadgeHost {
  const element = document.createElement(BADGE_TAG);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_RESET}\n${css}`.trim();
  const container = document.createElement('div');
  container.className = 'mount';
  // Inside the shadow root, so the page sees no new attribute on the host.
  if (place.overlaid) container.classList.add('overlaid');
  // A word joiner first: no line breaks between the anchor's last word and the badge (badge.css).
  shadow.append(style, WORD_JOINER, container);
  // Listeners on the shadow root go with it: nothing outside the host holds them.
  for (const type of place.overlaid ? OVERLAID_ISOLATED_EVENTS : ISOLATED_EVENTS) shadow.addEventListener(type, stopPropagation);
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
