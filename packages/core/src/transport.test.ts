import { describe, expect, it, vi } from 'vitest';
import { createKeepaliveBudget } from './keepaliveBudget';
import { classify, send } from './transport';

const response = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers });

describe('send', () => {
  it('posts text/plain JSON with keepalive within the budget and reads the answer', async () => {
    const fetch = vi.fn(async () => response(200, { accepted: 1, rejected: [] }));
    const budget = createKeepaliveBudget();
    const r = await send('/t/e', '{"v":1}', 7, { budget }, { fetch });
    expect(r).toEqual({ status: 200, retryAfterMs: undefined, result: { accepted: 1, rejected: [] } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/t/e');
    expect(init).toMatchObject({ method: 'POST', body: '{"v":1}', keepalive: true, credentials: 'include' });
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/plain;charset=UTF-8');
    expect(budget.take(64 * 1024)).toBe(true); // released after the answer
  });
  it('drops keepalive when the budget is spent', async () => {
    const fetch = vi.fn(async () => response(204));
    const budget = createKeepaliveBudget(10);
    await send('/t/e', 'x'.repeat(20), 20, { budget }, { fetch });
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].keepalive).toBe(false);
  });
  it('reads Retry-After', async () => {
    const r = await send('/t/e', '{}', 2, { budget: createKeepaliveBudget() }, { fetch: async () => response(429, undefined, { 'Retry-After': '7' }) });
    expect(r).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });
  it('turns a network error into status 0, after one try without keepalive', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await send('/t/e', '{}', 2, { budget: createKeepaliveBudget() }, { fetch })).toEqual({ status: 0 });
    expect(fetch.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1].keepalive)).toEqual([true, false]);
  });
  it('unloading: sendBeacon first, and nothing else when it is accepted', async () => {
    const fetch = vi.fn();
    const sendBeacon = vi.fn(() => true);
    const r = await send('/t/e', '{}', 2, { unloading: true, budget: createKeepaliveBudget() }, { fetch, sendBeacon });
    expect(r).toEqual({ status: 'beacon' });
    expect(sendBeacon).toHaveBeenCalledWith('/t/e', '{}');
    expect(fetch).not.toHaveBeenCalled();
  });
  it('unloading: a refused beacon falls back to fetch keepalive, then to plain fetch', async () => {
    const calls: boolean[] = [];
    const fetch = vi.fn(async (_: string, init: RequestInit) => {
      calls.push(!!init.keepalive);
      if (init.keepalive) throw new TypeError('keepalive quota');
      return response(200, { accepted: 1, rejected: [] });
    });
    const r = await send('/t/e', '{}', 2, { unloading: true, budget: createKeepaliveBudget() }, { fetch: fetch as typeof globalThis.fetch, sendBeacon: () => false });
    expect(r.status).toBe(200);
    expect(calls).toEqual([true, false]);
  });
  it('a 2xx without a JSON body still counts as stored', async () => {
    expect((await send('/t/e', '{}', 2, { budget: createKeepaliveBudget() }, { fetch: async () => response(204) })).status).toBe(204);
  });
});

describe('classify', () => {
  it.each([
    [200, 3, 'ok'],
    [204, 3, 'ok'],
    [400, 3, 'drop'],
    [401, 3, 'drop'],
    [404, 3, 'drop'],
    [422, 3, 'drop'],
    [413, 3, 'split'],
    [413, 1, 'drop'],
    [408, 3, 'retry'],
    [425, 3, 'retry'],
    [429, 3, 'retry'],
    [500, 3, 'retry'],
    [503, 3, 'retry'],
    [0, 3, 'retry'],
  ] as const)('%i with %i events → %s', (status, n, outcome) => {
    expect(classify({ status }, n)).toBe(outcome);
  });
  it('a beacon has no known outcome', () => expect(classify({ status: 'beacon' }, 1)).toBe('unknown'));
});
