import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { formatKey, parseKey, type ItemRef } from './item-key';
import { requestSchema } from './messaging';
import { expectedIssues, issueKeyOf } from './adapters/jira/page-detect';
import { findListedIssues } from './adapters/jira/find-listed';
import { unreadableKeys } from './providers/jira/issue-fields';
import { changelogEvents } from './providers/jira/changelog';
import { readHistories } from './providers/jira/histories';

describe('item keys', () => {
  it('formats the contract examples', () => {
    expect(formatKey({ source: 'github', host: 'github.com', owner: 'Octo-Org', repo: 'API', number: 123 })).toBe(
      'github:octo-org/api#123',
    );
    expect(formatKey({ source: 'jira', host: 'acme.atlassian.net', issueKey: 'pay-42' })).toBe(
      'jira:acme.atlassian.net/PAY-42',
    );
  });

  it('keeps Enterprise Server hosts in the key', () => {
    const ref: ItemRef = { source: 'github', host: 'git.corp.example', owner: 'team', repo: 'svc', number: 7 };
    expect(formatKey(ref)).toBe('github:git.corp.example/team/svc#7');
    expect(parseKey('github:git.corp.example/team/svc#7')).toEqual(ref);
  });

  it.each([
    'github:octo-org/api#123',
    'jira:acme.atlassian.net/PAY-42',
    'jira:jira.example.com/context/OPS-1',
    'github:git.corp.example:8443/team/svc#7',
  ])('round-trips %s', (key) => {
    const ref = parseKey(key);
    expect(ref).toBeDefined();
    expect(formatKey(ref!)).toBe(key);
  });

  it.each([
    'github:octo-org/api',
    'github:octo-org/api#0',
    'github:octo-org/api#x',
    'github:a/b/c/d#1',
    'github:octo org/api#1',
    'github:git.corp.example:x/team/svc#7',
    'jira:PAY-42',
    'jira:acme.atlassian.net/pay42',
    'gitlab:a/b#1',
    '',
  ])('rejects %s', (key) => {
    expect(parseKey(key)).toBeUndefined();
  });
});

describe('every reader of a Jira issue key agrees on what one is', () => {
  // Jira's rules: a project key starts with a capital letter and holds only capitals, digits and
  // `_` (https://confluence.atlassian.com/jira064/changing-the-project-key-format-720412436.html);
  // issues are numbered from 1. Keys are upper case as Jira writes them: a reader that accepts a
  // lower-case URL (issueKeyOf) upper-cases it first, which its own tests show.
  const KEYS: [string, boolean][] = [
    ['PAY-42', true],
    ['P2P-7', true],
    ['MY_PROJ-1', true],
    ['A-1', true],
    ['PAY-0', false],
    ['PAY-012', false],
    ['pay-42', false],
    ['2PAY-1', false],
    ['PAY-', false],
    ['PAY-1a', false],
  ];
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
  const SITE = 'acme.atlassian.net';
  const blockedBy = (key: string) => readHistories([{ created: '2026-11-05T10:00:00.000+0000', items: [{ field: 'Link', to: key, toString: `This issue is blocked by ${key}` }] }]);
  const readers: [string, (key: string) => boolean][] = [
    ['a canonical key (parseKey)', (key) => parseKey(`jira:${SITE}/${key}`) !== undefined],
    ['a page’s message (requestSchema)', (key) => v.safeParse(requestSchema, { type: 'flow/cached', refs: [{ source: 'jira', host: SITE, issueKey: key }] }).success],
    ['the issue a URL shows (issueKeyOf)', (key) => issueKeyOf(`https://${SITE}/browse/${key}`) === key],
    ['a listed issue’s link (findListedIssues)', (key) => findListedIssues(parse(`<div data-testid="native-issue-table.ui.issue-row"><a href="/browse/${key}">x</a></div>`), `https://${SITE}/issues/`).length === 1],
    ['a page’s link to an issue (expectedIssues)', (key) => expectedIssues(parse(`<a href="/browse/${key}">x</a>`), `https://${SITE}/jira/your-work`) !== undefined],
    ['an issue Jira sent in another shape (unreadableKeys)', (key) => unreadableKeys([{ key }]).length === 1],
    ['a changelog’s link sentence (changelogEvents)', (key) => changelogEvents(blockedBy(key), { host: SITE, doneStatuses: new Set(), blockedByLinks: new Set(['is blocked by']) }).length === 1],
  ];

  it.each(readers)('%s reads exactly the keys Jira makes', (_, reads) => {
    expect(KEYS.map(([key]) => [key, reads(key)])).toEqual(KEYS);
  });
});
