import { describe, expect, it } from 'vitest';
import { own } from './own';

describe('own', () => {
  const tokens: Record<string, string> = { 'github.com': 'ghp_x' };

  it('finds own properties only', () => {
    expect(own(tokens, 'github.com')).toBe('ghp_x');
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'ghe.corp.example']) expect(own(tokens, key)).toBeUndefined();
  });

  it('finds an own property even when it is named like an inherited one', () => {
    expect(own(JSON.parse('{"__proto__": "kept", "constructor": "too"}') as Record<string, string>, '__proto__')).toBe('kept');
  });
});
