import { defineContentScript } from 'wxt/utils/define-content-script';
import badgeCss from '@/components/badge.css?inline';
import { eachIssue } from '@/lib/adapters/jira/find-items';
import { expectedIssues, isReadPage } from '@/lib/adapters/jira/page-detect';
import { runContentScript } from '@/lib/content/run-content-script';

// Jira Cloud and its Confluence (*.atlassian.net/wiki); Data Center hosts are registered at
// runtime once the user grants them. Admin and settings pages get nothing (isReadPage). The
// script does not announce its start to the page: WXT's window.postMessage would name the extension id.
// It starts once the document is parsed (document_end), not when the browser is idle: on a big
// board idle came about 70 ms later, and the first visible badges waited for it.
export default defineContentScript({
  matches: ['https://*.atlassian.net/*'],
  runAt: 'document_end',
  cssInjectionMode: 'manual',
  noScriptStartedPostMessage: true,
  main(ctx) {
    runContentScript(ctx, { site: 'jira', active: isReadPage, find: eachIssue, expected: expectedIssues }, badgeCss);
  },
});
