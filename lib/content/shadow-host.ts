/**
 * The one builder of FlowLens's elements on a host page, the badges (badge-host.ts) and the page's
 * set-up notice (setup-notice.ts): a host element with an open shadow root, so the page's CSS
 * cannot restyle what is inside and ours cannot leak out, and whose keys (and, where asked, clicks)
 * stay inside, so the page's own listeners never see them (docs/ARCHITECTURE.md, "Badge contract").
 */

/**
 * The host resets every inherited style, as WXT's shadow-root UIs do. The rules a shadow root
 * ignores (`@font-face`, `@property`) would have to go into the document: our styles have none.
 */
export const HOST_RESET = ':host{all:initial !important;}';

/** Keys typed in FlowLens's elements stay in them: the host page's shortcuts must not see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'];

/** With clicks kept in too: over an item's own handlers (an overlaid badge), or over the page (the notice). */
const CLICK_ISOLATED_EVENTS = [...ISOLATED_EVENTS, 'click'];

const stopPropagation = (event: Event) => event.stopPropagation();

/** A host element and its shadow root, which holds its style sheet first; not yet on the page. */
export interface ShadowHost {
  element: HTMLElement;
  shadow: ShadowRoot;
}

/**
 * Creates a `tag` element whose open shadow root holds `css` after the host reset, and stops the
 * keys typed in it (and its clicks, with `clicks`) at the root. The listeners are on the shadow
 * root, so they go with it: nothing outside the host holds them.
 */
export function createShadowHost(tag: string, css: string, { clicks }: { clicks: boolean }): ShadowHost {
  const element = document.createElement(tag);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_RESET}\n${css}`.trim();
  shadow.append(style);
  for (const type of clicks ? CLICK_ISOLATED_EVENTS : ISOLATED_EVENTS) shadow.addEventListener(type, stopPropagation);
  return { element, shadow };
}
