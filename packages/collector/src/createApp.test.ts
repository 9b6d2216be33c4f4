import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '@tagrelay/core';
import { createApp, type CollectorOptions } from './createApp';
import { openStore, type Store } from './openStore';

const NOW = Date.UTC(2025, 5, 1, 12);
const TEXT = 'text/plain;charset=UTF-8';

const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: 'add_to_cart',
  ts: NOW - 2000,
  params: { value: 10, currency: 'EUR' },
  consent: { necessary: true, analytics: true, marketing: true },
  page: { url: 'https://shop.example/p/1', referrer: '', title: 'Product' },
  ...overrides,
});
const batch = (events: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ v: 1, events, ...extra });

/** An app on a fresh in-memory store and a fixed clock. Logging is captured, not printed. */
function setup(options: CollectorOptions = {}, store: Store = openStore({ path: ':memory:' })) {
  const log = vi.fn();
  const app = createApp({ rateLimit: false, log, ...options }, store, () => NOW);
  const post = (body: BodyInit | null, init: RequestInit = {}, path = '/t/e') =>
    app.request(path, { method: 'POST', body, ...init, headers: { 'content-type': TEXT, ...(init.headers as Record<string, string>) } });
  return { app, store, log, post };
}

describe('POST /t/e', () => {
  it('stores a text/plain batch and answers 200 { accepted, duplicates, rejected }', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('a'), event('b')]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(store.listEvents().map((e) => [e.id, e.received_at])).toEqual([
      ['a', NOW],
      ['b', NOW],
    ]);
  });

  it('also parses application/json', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('a')]), { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(store.countEvents()).toBe(1);
  });

  it('refuses other content types with 415 and stores nothing', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('a')]), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(store.countEvents()).toBe(0);
  });

  it('is idempotent across batches: a resent id is stored once and counted as a duplicate', async () => {
    const { post, store } = setup();
    await post(batch([event('a')]));
    const res = await post(batch([event('a'), event('b')]));
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(store.countEvents()).toBe(2);
  });

  it('stores a duplicate id within one batch once', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('a'), event('a', { name: 'other' })]));
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    expect(store.listEvents()).toMatchObject([{ id: 'a', name: 'add_to_cart' }]);
  });

  it('stores the valid events of a mixed batch and lists the invalid ones (200)', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('bad1', { name: '' }), event('good'), event('bad2', { user: { em: 'jane@example.com' } })]));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, code: 'invalid_field', message: 'events[0].name: must match /^[A-Za-z][A-Za-z0-9_]{0,63}$/' },
        { index: 2, code: 'unhashed_user_data', message: expect.stringMatching(/^events\[2\]\.user\.em: /) },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('jane');
    expect(store.listEvents().map((e) => e.id)).toEqual(['good']);
  });

  it('answers 400 no_valid_events with the rejected list when every event is invalid', async () => {
    const { post, store } = setup();
    const res = await post(batch([event('a', { ts: NOW + 2 * 86_400_000 }), event('b', { ts: 1.5 })]));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'no_valid_events', message: 'none of the 2 events is valid' },
      rejected: [
        { index: 0, code: 'invalid_field', message: 'events[0].ts: more than 24 h in the future' },
        { index: 1, code: 'invalid_field', message: 'events[1].ts: must be an integer (ms since epoch)' },
      ],
    });
    expect(store.countEvents()).toBe(0);
  });

  it.each([
    ['an empty body', '', 'empty_body'],
    ['no body at all', null, 'empty_body'],
    ['non-JSON', 'hello', 'invalid_json'],
    ['a JSON array', JSON.stringify([event('a')]), 'invalid_body'],
    ['v: 2', JSON.stringify({ v: 2, events: [event('a')] }), 'unsupported_version'],
    ['no events array', JSON.stringify({ v: 1, event: event('a') }), 'unknown_field'],
    ['101 events', batch(Array.from({ length: 101 }, (_, i) => event(`e${i}`))), 'too_many_events'],
    ['a __proto__ at top level', batch([event('a')]).replace('{', '{"__proto__":{"polluted":1},'), 'forbidden_key'],
  ])('answers 400 to %s', async (_, body, code) => {
    const { post, store } = setup();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message).toEqual(expect.any(String));
    expect(store.countEvents()).toBe(0);
  });

  it('refuses invalid UTF-8 with 400', async () => {
    const { post } = setup();
    const res = await post(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_utf8' } });
  });

  it('refuses prototype-polluting keys inside an event, storing the rest', async () => {
    const { post, store } = setup();
    const body = batch([event('a', { params: { items: [{ item_id: 'x' }] } }), event('b')]).replace('{"item_id"', '{"__proto__":{"admin":true},"item_id"');
    const res = await post(body);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 0, code: 'forbidden_key' }] });
    expect(store.listEvents().map((e) => e.id)).toEqual(['b']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  describe('413 when the body is too large', () => {
    const big = batch([event('a', { params: { q: 'x'.repeat(900) } })]).padEnd(70_000, ' ');

    it('by Content-Length', async () => {
      const { post, store } = setup();
      const res = await post(big, { headers: { 'content-length': String(big.length) } });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'too_large', message: expect.stringContaining('65536') } });
      expect(store.countEvents()).toBe(0);
    });

    it('without Content-Length (chunked)', async () => {
      const { post, store } = setup();
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
          controller.close();
        },
      });
      const res = await post(stream, { duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(store.countEvents()).toBe(0);
    });

    it('honours maxBodyBytes, and a body just under it is taken', async () => {
      const body = batch([event('a')]);
      expect((await setup({ maxBodyBytes: body.length - 1 }).post(body)).status).toBe(413);
      expect((await setup({ maxBodyBytes: body.length }).post(body)).status).toBe(200);
    });
  });

  it('removes what consent does not allow before storing', async () => {
    const { post, store } = setup();
    const user = { em: 'c'.repeat(64) };
    await post(
      batch([
        event('analytics', { consent: { analytics: true, marketing: false }, anon_id: 'anon1', user, click: { gclid: 'g' } }),
        event('marketing', { consent: { analytics: false, marketing: true }, anon_id: 'anon1', session_id: 's1', user }),
      ]),
    );
    const [analytics, marketing] = store.listEvents();
    expect(analytics).toMatchObject({ id: 'analytics', anon_id: 'anon1' });
    expect(analytics).not.toHaveProperty('user');
    expect(analytics).not.toHaveProperty('click');
    expect(marketing).toMatchObject({ id: 'marketing', user });
    expect(marketing).not.toHaveProperty('anon_id');
    expect(marketing).not.toHaveProperty('session_id');
  });

  it('hands the store the receive time, user agent, client IP and drop count', async () => {
    const insertEvents = vi.fn(() => ({ inserted: 1, duplicates: 0 }));
    const { post } = setup({ trustProxy: true }, { ...openStore(), insertEvents });
    await post(batch([event('a')], { dropped: 2 }), { headers: { 'user-agent': 'Test/1.0', 'x-forwarded-for': '203.0.113.5, 10.0.0.1' } });
    expect(insertEvents).toHaveBeenCalledWith([expect.objectContaining({ id: 'a' })], {
      receivedAt: NOW,
      userAgent: 'Test/1.0',
      ip: '203.0.113.5',
      dropped: 2,
    });
  });

  it('answers 503 with Retry-After when the store fails, and logs it', async () => {
    const failing: Store = {
      ...openStore(),
      insertEvents: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    };
    const { post, log } = setup({}, failing);
    const res = await post(batch([event('a')]));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: 'store_unavailable', message: expect.any(String) } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('storing events failed'), expect.any(Error));
  });
});

describe('other endpoint routes', () => {
  it('GET /t/health', async () => {
    const res = await setup().app.request('/t/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('POST /t/c is not implemented yet: 501', async () => {
    const res = await setup().post('{}', {}, '/t/c');
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: { code: 'not_implemented' } });
  });

  it('unknown routes answer 404 JSON', async () => {
    const { app } = setup();
    for (const [method, path] of [['GET', '/nope'], ['GET', '/t/e'], ['PUT', '/t/e'], ['GET', '/tagrelay/loader.js']]) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('unexpected exceptions answer 500 JSON without a stack trace', async () => {
    const broken: Store = {
      ...openStore(),
      listEvents: () => {
        throw new Error('boom at /secret/path.ts:12');
      },
    };
    const { app, log } = setup({ exposeEvents: true }, broken);
    const res = await app.request('/t/events');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'unexpected error' } });
    expect(text).not.toContain('secret');
    expect(log).toHaveBeenCalled();
  });

  it('serves the endpoint at another basePath', async () => {
    const { post } = setup({ basePath: '/collect/' });
    expect((await post(batch([event('a')]), {}, '/collect/e')).status).toBe(200);
    expect((await post(batch([event('b')]), {}, '/t/e')).status).toBe(404);
  });

  it('refuses bad options at start-up', () => {
    expect(() => setup({ basePath: 't' })).toThrow(/basePath/);
    expect(() => setup({ origins: ['shop.example'] })).toThrow(/origins/);
  });
});

describe('GET /t/events', () => {
  it('is off by default', async () => {
    const { app, post } = setup();
    await post(batch([event('a')]));
    const res = await app.request('/t/events');
    expect(res.status).toBe(404);
  });

  it('lists stored events with received_at, filtered by name, id, since and limit', async () => {
    let now = NOW;
    const store = openStore();
    const app = createApp({ exposeEvents: true, rateLimit: false }, store, () => now);
    const send = (events: unknown[]) => app.request('/t/e', { method: 'POST', body: batch(events) });
    await send([event('a'), event('b', { name: 'purchase' })]);
    now += 1000;
    await send([event('c'), event('d', { name: 'purchase' })]);

    const ids = async (query: string) => {
      const res = await app.request(`/t/events${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { events: (WireEvent & { received_at: number })[] }).events.map((e) => e.id);
    };
    expect(await ids('')).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids('?name=purchase')).toEqual(['b', 'd']);
    expect(await ids('?id=c')).toEqual(['c']);
    expect(await ids(`?since=${NOW + 1000}`)).toEqual(['c', 'd']);
    expect(await ids('?limit=1')).toEqual(['d']);
    const res = await app.request('/t/events?id=a');
    expect(await res.json()).toEqual({ events: [{ ...event('a'), received_at: NOW }] });
  });

  it('refuses malformed limit and since', async () => {
    const { app } = setup({ exposeEvents: true });
    for (const query of ['limit=0', 'limit=-1', 'limit=abc', 'since=yesterday', 'since=1.5']) {
      const res = await app.request(`/t/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_query' } });
    }
  });

  it('caps limit at 10000', async () => {
    const listEvents = vi.fn((_filter: { limit?: number }) => []);
    const { app } = setup({ exposeEvents: true }, { ...openStore(), listEvents });
    await app.request('/t/events?limit=50000');
    await app.request('/t/events');
    expect(listEvents.mock.calls.map(([filter]) => filter.limit)).toEqual([10_000, 1000]);
  });
});

describe('CORS and origins', () => {
  const origins = ['https://shop.example'];

  it('answers a preflight from an allowed origin', async () => {
    const { app } = setup({ origins });
    const res = await app.request('/t/e', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '86400',
      vary: 'Origin',
    });
  });

  it('refuses a preflight from another origin with 403', async () => {
    const { app } = setup({ origins });
    const res = await app.request('/t/e', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
  });

  it('refuses a POST from a disallowed origin and stores nothing', async () => {
    const { post, store } = setup({ origins });
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'http://shop.example', 'null']) {
      const res = await post(batch([event('a')]), { headers: { origin } });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    }
    expect(store.countEvents()).toBe(0);
  });

  it('takes a POST from an allowed origin, with exact ACAO and credentials', async () => {
    const { post, store } = setup({ origins });
    const res = await post(batch([event('a')]), { headers: { origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(store.countEvents()).toBe(1);
  });

  it('takes a same-origin POST (Origin host = Host header) without configuration', async () => {
    const { app, store } = setup();
    const init = (origin: string, host: string) => ({ method: 'POST', body: batch([event(host.replace(/\W/g, '_'))]), headers: { origin, host } });
    expect((await app.request('http://shop.local:8080/t/e', init('http://shop.local:8080', 'shop.local:8080'))).status).toBe(200);
    // TLS ends at a proxy: the page is https, the collector sees http
    expect((await app.request('http://shop.local/t/e', init('https://shop.local', 'shop.local'))).status).toBe(200);
    expect((await app.request('http://shop.local:8080/t/e', init('http://shop.local:3000', 'shop.local:8080'))).status).toBe(403);
    expect(store.countEvents()).toBe(2);
  });

  it('uses X-Forwarded-Host for same-origin only behind a trusted proxy', async () => {
    const init = { method: 'POST', body: batch([event('a')]), headers: { origin: 'https://shop.example', host: 'collector:8080', 'x-forwarded-host': 'shop.example' } };
    expect((await setup().app.request('/t/e', init)).status).toBe(403);
    expect((await setup({ trustProxy: true }).app.request('/t/e', { ...init, body: batch([event('a')]) })).status).toBe(200);
  });

  it('takes a POST without Origin (curl, server-to-server)', async () => {
    const res = await setup({ origins }).post(batch([event('a')]));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After per client IP (X-Forwarded-For behind a proxy)', async () => {
    const { post, app } = setup({ rateLimit: { requests: 2, perSeconds: 60 }, trustProxy: true });
    const from = (ip: string, id: string) => post(batch([event(id)]), { headers: { 'x-forwarded-for': ip } });
    expect((await from('198.51.100.7', 'a')).status).toBe(200);
    expect((await from('198.51.100.7', 'b')).status).toBe(200);
    const res = await from('198.51.100.7', 'c');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await from('198.51.100.8', 'd')).status).toBe(200);
    expect((await app.request('/t/health')).status).toBe(200);
  });

  it('uses the socket address, ignoring X-Forwarded-For unless the proxy is trusted', async () => {
    const { app } = setup({ rateLimit: { requests: 1, perSeconds: 60 } });
    const from = (socketIp: string, forwarded: string) =>
      app.request(
        '/t/e',
        { method: 'POST', body: batch([event(`${socketIp}_${forwarded}`.replace(/\W/g, '_'))]), headers: { 'x-forwarded-for': forwarded } },
        { incoming: { socket: { remoteAddress: socketIp } } },
      );
    expect((await from('192.0.2.1', '203.0.113.1')).status).toBe(200);
    expect((await from('192.0.2.1', '203.0.113.2')).status).toBe(429);
    expect((await from('192.0.2.2', '203.0.113.1')).status).toBe(200);
  });

  it('is on by default (120 per 10 s)', async () => {
    const app = createApp({ log: () => {} }, openStore(), () => NOW);
    const statuses = [];
    for (let i = 0; i < 121; i++) statuses.push((await app.request('/t/c', { method: 'POST', body: '{}' })).status);
    expect(statuses.slice(0, 120).every((s) => s == 501)).toBe(true);
    expect(statuses[120]).toBe(429);
  });
});

describe('static files', () => {
  let dir: string;
  const LOADER = '/* loader */ (function(){ window.tagrelay = 1 })();';
  const CHUNK = 'export const runtime = "hashed chunk";';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tagrelay-static-'));
    const cdn = join(dir, 'cdn');
    const site = join(dir, 'site');
    mkdirSync(cdn);
    mkdirSync(join(site, 'css'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"SECRET_OUTSIDE"}');
    for (const [name, text] of [['loader.js', LOADER], ['runtime-Ab12_-xY.js', CHUNK]]) {
      writeFileSync(join(cdn, name), text);
      writeFileSync(join(cdn, `${name}.br`), brotliCompressSync(text));
      writeFileSync(join(cdn, `${name}.gz`), gzipSync(text));
    }
    writeFileSync(join(cdn, '.env'), 'SECRET_HIDDEN');
    symlinkSync(join(dir, 'package.json'), join(cdn, 'link.js'));
    writeFileSync(join(site, 'index.html'), '<h1>Shop</h1>');
    writeFileSync(join(site, 'cart.html'), '<h1>Cart</h1>');
    writeFileSync(join(site, 'css', 'shop.css'), 'h1{}');
    writeFileSync(join(site, 'package.json'), '{"name":"SECRET_SITE_PACKAGE"}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const app = () => setup({ cdnDir: join(dir, 'cdn'), siteDir: join(dir, 'site') }).app;

  it('serves loader.js with a short cache, JS type, nosniff and ACAO *', async () => {
    const res = await app().request('/tagrelay/loader.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(LOADER);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
      vary: 'Accept-Encoding',
    });
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('caches hashed chunks for a year, immutable', async () => {
    const res = await app().request('/tagrelay/runtime-Ab12_-xY.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(CHUNK);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const a = app();
    const etag = (await a.request('/tagrelay/loader.js')).headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const res = await a.request('/tagrelay/loader.js', { headers: { 'if-none-match': `"other", ${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('cache-control')).toMatch(/max-age=300/);
    expect((await a.request('/tagrelay/loader.js', { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
  });

  it('serves the .br sibling when brotli is accepted, .gz for gzip, with distinct ETags', async () => {
    const a = app();
    const br = await a.request('/tagrelay/loader.js', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(LOADER);

    const gz = await a.request('/tagrelay/loader.js', { headers: { 'accept-encoding': 'gzip;q=1.0, br;q=0' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(LOADER);

    const plain = await a.request('/tagrelay/loader.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(new Set([br, gz, plain].map((r) => r.headers.get('etag'))).size).toBe(3);
  });

  it.each([
    '/tagrelay/../package.json',
    '/tagrelay/%2e%2e/package.json',
    '/tagrelay/..%2fpackage.json',
    '/tagrelay/%2e%2e%2fpackage.json',
    '/tagrelay/..%5cpackage.json',
    '/tagrelay/%2e%2e%5c%2e%2e%5cpackage.json',
    '/tagrelay/%252e%252e%252fpackage.json',
    '/tagrelay/.env',
    '/tagrelay/%2eenv',
    '/tagrelay/link.js',
    '/tagrelay/loader.js%00.txt',
    '/tagrelay/%E0%A4%A',
    '/..%2fpackage.json',
    '/css/..%2f..%2fpackage.json',
  ])('never serves a file outside the folder: %s', async (path) => {
    const res = await app().request(path);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
  });

  it('serves the site: index.html at /, pages, CSS, with no-cache', async () => {
    const a = app();
    const index = await a.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<h1>Shop</h1>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await (await a.request('/cart.html')).text()).toBe('<h1>Cart</h1>');
    const css = await a.request('/css/shop.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('no-cache');
    expect((await a.request('/missing.html')).status).toBe(404);
    expect((await a.request('/css/')).status).toBe(404);
    // The URL parser turns /tagrelay/../package.json into /package.json: the site's own, still not served.
    for (const path of ['/package.json', '/tagrelay/../package.json']) {
      const res = await a.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
    }
  });

  it('answers HEAD with headers only', async () => {
    const res = await app().request('/tagrelay/loader.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it('refuses a missing folder at start-up', () => {
    expect(() => setup({ cdnDir: join(dir, 'nope') })).toThrow(/not a folder/);
  });

  it('keeps the endpoint routes when a site is served at /', async () => {
    const res = await setup({ siteDir: join(dir, 'site') }).post(batch([event('a')]));
    expect(res.status).toBe(200);
  });
});
