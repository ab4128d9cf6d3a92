import { describe, expect, it } from 'vitest';
import { readHistories } from './histories';

const item = { field: 'status', fieldId: 'status', from: '1', fromString: 'To Do', to: '3', toString: 'In Progress' };

describe('readHistories', () => {
  it('keeps what Jira documents: every field present, as text or null, and drops keys it does not read', () => {
    const [history] = readHistories([{ id: '1', created: 1492070429, author: { accountId: 'u1', displayName: 'Ana', active: true }, items: [{ ...item, fieldtype: 'jira' }, { field: 'Link', to: 'OPS-1', toString: 'This issue is blocked by OPS-1' }] }]);
    expect(history).toEqual({
      created: 1492070429,
      author: { accountId: 'u1', name: null, displayName: 'Ana' },
      items: [item, { field: 'Link', fieldId: null, from: null, fromString: null, to: 'OPS-1', toString: 'This issue is blocked by OPS-1' }],
    });
    // Present as null, not absent: a read of `toString` never reaches Object.prototype.toString.
    expect(Object.hasOwn(history!.items[1]!, 'toString')).toBe(true);
  });

  it('skips each item that is not an object of texts, alone', () => {
    const items = [{ ...item, toString: 5 }, { ...item, field: ['status'] }, 'status', null, [item], item];
    expect(readHistories([{ created: '2026-11-05T10:00:00.000+0000', items }])[0]!.items).toEqual([item]);
  });

  it('reads only own keys: an absent `toString` is null and a `__proto__` key is no field', () => {
    const raw = JSON.parse('[{"created": "2026-11-05T10:00:00.000+0000", "__proto__": {"items": [1]}, "items": [{"__proto__": {"toString": "Done", "field": "status"}, "fromString": "To Do"}]}]') as unknown;
    const [history] = readHistories(raw);
    expect(history!.items).toEqual([{ field: null, fieldId: null, from: null, fromString: 'To Do', to: null, toString: null }]);
    expect(Object.getPrototypeOf(history!.items[0])).toBe(Object.prototype);
  });

  it('skips a history without a date of Jira’s kinds or without a list of items, and keeps the others', () => {
    const good = { created: '2026-11-05T10:00:00.000+0000', items: [item] };
    const raw = [{ created: { at: 1 }, items: [item] }, { items: [item] }, { created: 1, items: { 0: item } }, { created: 1 }, 'history', null, good];
    expect(readHistories(raw)).toEqual([{ ...good, author: null }]);
  });

  it('keeps a change whose author it cannot read, without the author', () => {
    expect(readHistories([{ created: 1, author: { accountId: 7 }, items: [item] }])).toEqual([{ created: 1, author: null, items: [item] }]);
  });

  it('reads no list as none', () => {
    expect(readHistories({ 0: { created: 1, items: [] } })).toEqual([]);
    expect(readHistories(undefined)).toEqual([]);
  });
});
