import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../flow/model';
import { commentText, withFlagReasons } from './flag-reasons';

const flagged: FlowEvent = { type: 'flagged', at: '2026-11-14T10:30:00.000Z', by: { id: 'u1', name: 'Priya' } };

describe('flag reasons', () => {
  it('reads the reason from a Cloud "Flag added" comment (ADF) made with the flag', () => {
    const adf = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'emoticon', attrs: { shortName: ':flag_on:' } }, { type: 'text', text: ' Flag added' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Waiting on the vendor ' }, { type: 'text', text: 'for new API keys', marks: [{ type: 'strong' }] }] },
      ],
    };
    const [event] = withFlagReasons([flagged], [{ created: '2026-11-14T10:30:02.000+0000', author: { accountId: 'u1' }, body: adf }]);
    expect(event).toEqual({ ...flagged, reason: 'Waiting on the vendor for new API keys' });
  });

  it('reads Data Center wiki text, and ignores other comments and other times', () => {
    const comments = [
      { created: '2026-11-14T10:29:40.000+0000', author: { name: 'u1' }, body: '(flag) Flag added\n\nBlocked by the release freeze' },
      { created: '2026-11-14T09:00:00.000+0000', author: { name: 'u1' }, body: '(flag) Flag added\n\nolder reason' },
      { created: '2026-11-14T10:30:10.000+0000', author: { name: 'u1' }, body: 'Just a comment' },
    ];
    expect(withFlagReasons([{ ...flagged, by: { id: 'u1', name: 'u1' } }], comments)[0]).toMatchObject({ reason: 'Blocked by the release freeze' });
  });

  it('leaves flags without a matching comment alone', () => {
    expect(withFlagReasons([flagged], [])).toEqual([flagged]);
    expect(commentText({ type: 'doc', content: [] })).toBe('');
  });
});

describe('flag reasons from comments Jira sent in odd shapes', () => {
  const added = (...content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '(flag) Flag added' }] }, ...content] });

  it('reads ADF whose content is not a list, or whose text is not text, as holding none there', () => {
    expect(commentText({ type: 'doc', content: 5 })).toBe('');
    expect(commentText({ type: 'paragraph', content: 'abc' })).toBe('');
    expect(commentText(added({ type: 'paragraph', content: [{ type: 'text', text: ['Waiting'] }, { type: 'text', text: ' on ops' }] }))).toBe('(flag) Flag added\n on ops');
  });

  it('reads a comment nested 8,000 deep without running out of stack, and one 20,000 deep up to its bound', () => {
    const nested = (depth: number) => JSON.parse(`${'{"type":"paragraph","content":['.repeat(depth)}{"type":"text","text":"Waiting on ops"}${']}'.repeat(depth)}`) as unknown;
    expect(commentText(added(nested(8_000)))).toBe('(flag) Flag added\nWaiting on ops');
    // 10,000 nodes are read at most: the text 20,000 deep is not reached, and nothing throws.
    expect(commentText(added(nested(20_000)))).toBe('(flag) Flag added\n');
  });

  it('skips each comment it cannot read, alone, and takes the reason from the one it can', () => {
    const comments = [null, 'comment', { created: '2026-11-14T10:30:01.000+0000', body: { type: 'text', text: ['(flag) Flag added so'] } }, { created: '2026-11-14T10:30:02.000+0000', author: { accountId: 'u1' }, body: added({ type: 'paragraph', content: [{ type: 'text', text: 'Waiting on ops' }] }) }];
    expect(withFlagReasons([flagged], comments)[0]).toEqual({ ...flagged, reason: 'Waiting on ops' });
  });
});
