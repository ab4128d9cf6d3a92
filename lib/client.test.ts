import { describe, expect, it } from 'vitest';
import { createClient } from './client';

describe('createClient', () => {
  it('passes answers through', async () => {
    const send = createClient(async () => ({ ok: true, data: { cleared: 3 } }));
    expect(await send({ type: 'cache/clear' })).toEqual({ ok: true, data: { cleared: 3 } });
  });

  it('turns a missing answer and a dead extension into error values', async () => {
    expect(await createClient(async () => undefined)({ type: 'status/get' })).toMatchObject({ ok: false, error: { code: 'no-answer' } });
    const reloaded = createClient(() => Promise.reject(new Error('Extension context invalidated.')));
    expect(await reloaded({ type: 'status/get' })).toMatchObject({ ok: false, error: { code: 'extension-reloaded' } });
  });
});
