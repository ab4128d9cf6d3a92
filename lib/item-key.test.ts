import { describe, expect, it } from 'vitest';
import { formatKey, parseKey, type ItemRef } from './item-key';

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
