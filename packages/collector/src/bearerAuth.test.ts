import * as crypto from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { bearerAuth } from './bearerAuth';

// Spied, to prove the comparison goes through timingSafeEqual and not `==`.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const TOKEN = 's3cr3t-t0ken_with.symbols~+/=';

/** A tiny app behind the guard. */
function setup(token = TOKEN) {
  const app = new Hono();
  app.get('/', bearerAuth({ token }), (c) => c.text('ok'));
  return (authorization?: string) => app.request('/', { headers: authorization === undefined ? {} : { authorization } });
}

describe('bearerAuth', () => {
  it('lets the right token through, the scheme in any case', async () => {
    const get = setup();
    for (const header of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN} `]) {
      const res = await get(header);
      expect(res.status, header).toBe(200);
      expect(await res.text()).toBe('ok');
    }
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['no token', 'Bearer '],
    ['another scheme', `Basic ${TOKEN}`],
    ['the token without a scheme', TOKEN],
    ['a wrong token', 'Bearer wrong'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token and more', `Bearer ${TOKEN}x`],
    ['the token in another case', `Bearer ${TOKEN.toUpperCase()}`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
  ])('answers 401 JSON to %s', async (_, header) => {
    const res = await setup()(header);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tagrelay"');
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('compares with timingSafeEqual, on equal-length digests', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await setup()('Bearer x');
    await setup()(`Bearer ${TOKEN}`);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    expect(spy.mock.results.map((r) => r.value)).toEqual([false, true]);
  });

  it.each(['', ' ', 'has space', 'tab\there', 'żółw'])('refuses the token %j at start-up', (token) => {
    expect(() => bearerAuth({ token })).toThrow(/adminToken/);
  });
});
