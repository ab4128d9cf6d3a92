import { describe, expect, it } from 'vitest';
import { rowKey, shortKey } from './item-names';

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
});
