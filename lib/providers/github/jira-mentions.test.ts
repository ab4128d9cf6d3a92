import { describe, expect, it } from 'vitest';
import { jiraMentions, MENTIONS_PER_ITEM } from './jira-mentions';

describe('jiraMentions', () => {
  it('reads keys from a title and a branch, once each', () => {
    expect(jiraMentions('PAY-42: retry webhook (see OPS-7)', 'feature/PAY-42-retry')).toEqual(['PAY-42', 'OPS-7']);
  });

  it('ignores lower-case and look-alikes', () => {
    expect(jiraMentions('Bump to release-2, UTF-8 handling, A-1, XPAY-0', 'fix/pay-42', undefined)).toEqual([]);
  });

  it('keeps at most ten keys of a title naming 200, the first ones', () => {
    const title = Array.from({ length: 200 }, (_, i) => `PAY-${i + 1}`).join(' ');
    const keys = jiraMentions(title, 'feature/OPS-1');
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => `PAY-${i + 1}`));
    expect(keys).toHaveLength(MENTIONS_PER_ITEM);
  });
});
