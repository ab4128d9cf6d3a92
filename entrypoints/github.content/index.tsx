import { defineContentScript } from 'wxt/utils/define-content-script';
import badgeCss from '@/components/badge.css?inline';
import { detectPage } from '@/lib/adapters/github/page-detect';
import { findItems } from '@/lib/adapters/github/find-items';
import { BADGE_TAG, createBadgeLayer } from '@/lib/content/badge-layer';
import { observeAdditions } from '@/lib/content/observe-additions';
import { extensionClient } from '@/lib/extension-client';

// Styles go into each badge's shadow root as a string (`css`), not fetched per badge as
// cssInjectionMode 'ui' would do: one page can hold hundreds of badges.
export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    const send = extensionClient();
    const layer = createBadgeLayer(ctx, { send, css: badgeCss, now: Date.now });
    const scan = (root: Element | Document) => {
      if (detectPage(location.href)) void layer.add(findItems(root, location.href));
    };
    scan(document);
    const stop = observeAdditions(
      document.documentElement,
      ({ added, removedSomething }) => {
        if (removedSomething) layer.sweep();
        for (const element of added) scan(element);
      },
      { ignore: BADGE_TAG },
    );
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      if (!detectPage(location.href)) return layer.clear();
      layer.sweep();
      scan(document);
    });
    ctx.onInvalidated(stop);
  },
});
