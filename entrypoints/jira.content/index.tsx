import { defineContentScript } from 'wxt/utils/define-content-script';
import badgeCss from '@/components/badge.css?inline';
import { findIssueView } from '@/lib/adapters/jira/find-items';
import { findListedIssues } from '@/lib/adapters/jira/find-listed';
import { expectedIssues } from '@/lib/adapters/jira/page-detect';
import { runContentScript } from '@/lib/content/run-content-script';

// Jira Cloud; Data Center hosts are registered at runtime once the user grants them. The script
// does not announce its start to the page: WXT's window.postMessage would name the extension id.
export default defineContentScript({
  matches: ['https://*.atlassian.net/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  noScriptStartedPostMessage: true,
  main(ctx) {
    const find = (root: Document | Element, href: string) => [
      ...findIssueView(root, href).map((found) => ({ ...found, placement: 'inside' as const })),
      ...findListedIssues(root, href),
    ];
    runContentScript(ctx, { site: 'jira', active: () => true, find, expected: expectedIssues }, badgeCss);
  },
});
