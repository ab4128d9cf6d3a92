/**
 * One notice per page for a broken set-up (a missing or refused token, a logged-out Jira): however
 * many badges have the error, the page says it once, bottom-right, with a way to fix it. The
 * notice is a fixed-position element built as the badges are (shadow-host.ts): in its own open
 * shadow root, so the page's CSS cannot restyle it, and with its keys and clicks kept from the
 * page's listeners. It never takes the focus, and it is removed with the layer (a navigation
 * away, the context invalidated). Text only, never HTML.
 */
import type { Client } from '../client';
import type { FlowView } from '../flow-view';
import { FIX_SETUP_TEXT } from '../flow-view';
import { createShadowHost } from './shadow-host';

/** The tag name of the notice's host element. */
export const NOTICE_TAG = 'flowlens-notice';

/** The page's set-up notice, from the first view that needs it to the layer's end. */
export interface SetupNotice {
  /** Shows the notice for `view` when it is a set-up error and none is shown or was closed. */
  offer: (view: FlowView) => void;
  /** Takes the notice off the page; a later set-up error may show it again. */
  remove: () => void;
  /** Whether the notice is on the page. */
  shown: () => boolean;
}

/**
 * The notice's colours follow the page's theme as the badges' do (components/badge.css): the
 * site's own tokens first (GitHub's Primer variables, then Atlassian's --ds-*; custom properties
 * inherit into the shadow root), text and background from the same site's tokens so they never
 * mix themes. Where the site defines none, GitHub's light colours, or its dark ones when the
 * system prefers dark. The buttons' fill is a tint of the text, so it holds in either.
 */
const NOTICE_CSS = `
:host {
  position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147483646 !important;
  --notice-fg: #1f2328; --notice-bg: #ffffff; --notice-border: #d0d7de; --notice-shadow: #25292e33;
}
@media (prefers-color-scheme: dark) {
  :host { --notice-fg: #f0f6fc; --notice-bg: #151b23; --notice-border: #3d444d; --notice-shadow: #010409cc; }
}
.notice {
  display: flex; align-items: center; gap: 8px; max-width: 360px; padding: 8px 8px 8px 12px; box-sizing: border-box;
  font: 13px/1.4 -apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif;
  color: var(--fgColor-default, var(--ds-text, var(--notice-fg)));
  background: var(--bgColor-default, var(--ds-surface-overlay, var(--notice-bg)));
  border: 1px solid var(--borderColor-default, var(--ds-border, var(--notice-border))); border-radius: 6px;
  box-shadow: var(--shadow-floating-small, 0 6px 12px -3px var(--notice-shadow));
}
.notice p { margin: 0; flex: 1; }
button {
  font: inherit; cursor: pointer; min-height: 24px; min-width: 24px; border-radius: 6px; color: inherit;
  border: 1px solid var(--borderColor-default, var(--ds-border, var(--notice-border)));
  background: var(--button-default-bgColor-rest, var(--ds-background-neutral, color-mix(in srgb, currentColor 8%, transparent)));
}
.fix { padding: 2px 10px; }
.close { padding: 0 6px; }
`;

/** Creates the page's notice; nothing is on the page until a set-up error is offered. */
export function createSetupNotice(send: Client): SetupNotice {
  let host: HTMLElement | undefined;
  let closed = false;
  const remove = () => {
    host?.remove();
    host = undefined;
  };
  return {
    offer: (view) => {
      if (!view.setup || !view.error || host || closed) return;
      host = mountNotice(view.error.message, {
        fix: () => void send({ type: 'options/open' }).catch(() => undefined),
        close: () => {
          closed = true;
          remove();
        },
      });
    },
    remove: () => {
      closed = false;
      remove();
    },
    shown: () => host !== undefined && host.isConnected,
  };
}

/** Builds and appends the notice's host: the sentence, the fix button and a close button. */
function mountNotice(sentence: string, actions: { fix: () => void; close: () => void }): HTMLElement {
  // Clicks stay in it too: it lies over the page, whose handlers around it must not take them.
  const { element, shadow } = createShadowHost(NOTICE_TAG, NOTICE_CSS, { clicks: true });
  const box = document.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  box.setAttribute('data-testid', 'flowlens-setup-notice');
  const text = document.createElement('p');
  text.textContent = `FlowLens: ${sentence}`;
  const fix = button('fix', FIX_SETUP_TEXT, actions.fix);
  fix.setAttribute('data-testid', 'flowlens-notice-fix');
  const close = button('close', '×', actions.close);
  close.setAttribute('aria-label', 'Close the FlowLens notice');
  box.append(text, fix, close);
  shadow.append(box);
  (document.body ?? document.documentElement).append(element);
  return element;
}

function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}
