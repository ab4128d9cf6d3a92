import { describe, expect, it } from 'vitest';
import { inRepoRefs, repoOf, rowKey, shortKey } from './item-names';

describe('item names', () => {
  it('shortens keys as people write them', () => {
    expect(shortKey('jira:acme.atlassian.net/PAY-42')).toBe('PAY-42');
    expect(shortKey('jira:jira.corp.example/jira/OPS-7')).toBe('OPS-7');
    expect(shortKey('github:octo-org/api#7')).toBe('octo-org/api#7');
    expect(shortKey('github:ghe.corp.example/octo-org/api#7')).toBe('octo-org/api#7');
  });

  it('drops the owner for a narrow row, and never a Jira project', () => {
    expect(rowKey('github:octo-org/api#7')).toBe('api#7');
    expect(rowKey('github:ghe.corp.example/octo-org/web-app#1234')).toBe('web-app#1234');
    expect(rowKey('jira:acme.atlassian.net/PAY-42')).toBe('PAY-42');
  });

  it('writes the repository only once a team has two', () => {
    expect(rowKey('github:octo-org/api#7', true)).toBe('#7');
    expect(rowKey('jira:acme.atlassian.net/PAY-42', true)).toBe('PAY-42');
    expect(repoOf('github:ghe.corp.example/Octo-Org/API#7')).toBe('octo-org/api');
    expect(repoOf('jira:acme.atlassian.net/PAY-42')).toBeUndefined();
  });

  it('writes references to the item’s own repository as GitHub does there, and no other', () => {
    const key = 'github:acme/payments#212';
    expect(inRepoRefs('waits on acme/payments#208 (in the team)', key)).toBe('waits on #208 (in the team)');
    expect(inRepoRefs('build it without acme/payments#208', key)).toBe('build it without #208');
    expect(inRepoRefs('waits on acme/payments-web#14 and ACME/Payments#9', key)).toBe('waits on acme/payments-web#14 and #9');
    expect(inRepoRefs('waits on bigacme/payments#3 and PAY-4', key)).toBe('waits on bigacme/payments#3 and PAY-4');
    expect(inRepoRefs('waits on acme/payments#208', 'jira:acme.atlassian.net/PAY-1')).toBe('waits on acme/payments#208');
    // A repository name with regular-expression characters is matched as written.
    expect(inRepoRefs('land the base a.b/c+d#5 first', 'github:a.b/c+d#6')).toBe('land the base #5 first');
    expect(inRepoRefs('land the base aXb/c+d#5 first', 'github:a.b/c+d#6')).toBe('land the base aXb/c+d#5 first');
  });
});
