import { describe, expect, it } from 'vitest';
import { acceptRequest, createClient, MAX_REFS_PER_REQUEST } from './messaging';

const self = { id: 'flowlens-id', origin: 'chrome-extension://flowlens-id' };
const contentScript = { id: 'flowlens-id', url: 'https://github.com/octo-org/api/pulls', tab: { id: 3 } };
const optionsTab = { id: 'flowlens-id', url: 'chrome-extension://flowlens-id/options.html', tab: { id: 4 } };
const ref = { source: 'github', host: 'github.com', owner: 'octo-org', repo: 'api', number: 1 } as const;

describe('acceptRequest', () => {
  it('accepts a valid request from a content script', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [ref] }, contentScript, self)).toEqual({
      ok: true,
      data: { type: 'flow/cached', refs: [ref] },
    });
  });

  it('drops messages from other extensions and web pages without answering', () => {
    expect(acceptRequest({ type: 'flow/cached', refs: [] }, { id: 'someone-else' }, self)).toBeNull();
    expect(acceptRequest({ type: 'flow/cached', refs: [] }, {}, self)).toBeNull();
  });

  it.each([
    [{ type: 'flow/cached' }],
    [{ type: 'flow/cached', refs: [{ ...ref, number: -1 }] }],
    [{ type: 'flow/cached', refs: [{ ...ref, owner: '../etc' }] }],
    [{ type: 'flow/cached', refs: Array.from({ length: MAX_REFS_PER_REQUEST + 1 }, () => ref) }],
    [{ type: 'tokens/get' }],
    ['flow/cached'],
    [null],
  ])('answers a malformed request %j with an error value', (message) => {
    const result = acceptRequest(message, contentScript, self);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('keeps page-only requests away from content scripts', () => {
    expect(acceptRequest({ type: 'cache/clear' }, contentScript, self)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(acceptRequest({ type: 'cache/clear' }, optionsTab, self)).toMatchObject({ ok: true });
    const lookalike = { ...contentScript, url: 'chrome-extension://flowlens-id.evil.example/x' };
    expect(acceptRequest({ type: 'status/get' }, lookalike, self)).toMatchObject({ ok: false });
  });
});

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
