import { defineContentScript } from 'wxt/utils/define-content-script';
import badgeCss from '@/components/badge.css?inline';
import { findItems } from '@/lib/adapters/github/find-items';
import { detectPage, expectedItems } from '@/lib/adapters/github/page-detect';
import { runContentScript } from '@/lib/content/run-content-script';

// Styles go into each badge's shadow root as a string (`css`), not fetched per badge as
// cssInjectionMode 'ui' would do: one page can hold hundreds of badges. The script does not
// announce its start to the page: WXT's window.postMessage would name the extension id to it.
// It starts once the document is parsed (document_end), not when the browser is idle: on a big
// board idle came about 70 ms later, and the first visible badges waited for it.
export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_end',
  cssInjectionMode: 'manual',
  noScriptStartedPostMessage: true,
  main(ctx) {
    runContentScript(ctx, { site: 'github', active: (href) => detectPage(href) !== undefined, find: findItems, expected: expectedItems }, badgeCss);
  },
});
