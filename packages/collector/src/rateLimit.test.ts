import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './rateLimit';

/** A tiny app behind the limiter, keyed by the `x-client` header, on a fake clock. */
function setup(requests: number, perSeconds: number, maxClients?: number) {
  const clock = { t: 0 };
  const app = new Hono();
  app.use(rateLimit({ requests, perSeconds, key: (c) => c.req.header('x-client'), maxClients }, () => clock.t));
  app.get('/', (c) => c.text('ok'));
  const hit = (client = 'a') => app.request('/', { headers: { 'x-client': client } });
  return { clock, hit };
}

describe('rateLimit', () => {
  it('lets a burst of `requests` through, then answers 429 with Retry-After', async () => {
    const { hit } = setup(3, 10);
    for (let i = 0; i < 3; i++) expect((await hit()).status).toBe(200);
    const res = await hit();
    expect(res.status).toBe(429);
    // one token every 10/3 s
    expect(res.headers.get('retry-after')).toBe('4');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('refills steadily over time', async () => {
    const { clock, hit } = setup(2, 10);
    await hit();
    await hit();
    expect((await hit()).status).toBe(429);
    clock.t += 4_000; // 0.8 token
    expect((await hit()).status).toBe(429);
    clock.t += 1_000; // 1.0 token
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(429);
    clock.t += 60_000; // full again, never above the burst size
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(429);
  });

  it('keeps one bucket per client', async () => {
    const { hit } = setup(1, 10);
    expect((await hit('a')).status).toBe(200);
    expect((await hit('a')).status).toBe(429);
    expect((await hit('b')).status).toBe(200);
  });

  it('forgets the least recently seen client when over maxClients', async () => {
    const { hit } = setup(1, 10, 2);
    await hit('a');
    await hit('b');
    await hit('c'); // evicts a
    expect((await hit('b')).status).toBe(429);
    expect((await hit('a')).status).toBe(200);
  });

  it('refuses nonsense limits at start-up', () => {
    expect(() => rateLimit({ requests: 0, perSeconds: 10, key: () => '' })).toThrow(/positive/);
  });
});
