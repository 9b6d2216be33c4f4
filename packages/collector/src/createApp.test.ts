import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Database from 'libsql';
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

  describe('Global Privacy Control (Sec-GPC: 1)', () => {
    const user = { em: 'c'.repeat(64) };
    const refused = { necessary: true, analytics: true, marketing: false };
    const both = () => event('both', { anon_id: 'anon1', user, click: { gclid: 'g' } });
    const only = () => event('only', { consent: { analytics: false, marketing: true }, user });
    /** A consent cookie as the browser writes it: encodeURIComponent of the JSON decision. */
    const cookie = (decision: Record<string, unknown>, name = 'tr_consent') =>
      `theme=dark; ${name}=${encodeURIComponent(JSON.stringify({ v: 1, id: 'c1', ts: NOW - 9000, rev: 1, ...decision }))}`;
    const grantedUnderGpc = { c: { necessary: true, analytics: true, marketing: true }, g: 1 };

    /** What the events table holds, user agent and IP included (listEvents does not return them). */
    async function storedRows(headers: Record<string, string>, events: unknown[] = [both()], options: CollectorOptions = {}) {
      const path = join(mkdtempSync(join(tmpdir(), 'tagrelay-gpc-')), 'e.db');
      const store = openStore({ path });
      const { post } = setup({ trustProxy: true, ...options }, store);
      const headersWithClient = { 'user-agent': 'Test/1.0', 'x-forwarded-for': '203.0.113.5', ...headers };
      const res = await post(batch(events), { headers: headersWithClient });
      store.close();
      const db = new Database(path);
      const rows = db.prepare('SELECT id, consent, user, click, anon_id, user_agent, ip FROM events ORDER BY id').all() as Record<string, unknown>[];
      db.close();
      rmSync(dirname(path), { recursive: true, force: true });
      return { res, rows: rows.map((row) => ({ ...row, consent: JSON.parse(row.consent as string) })) };
    }
    const kept = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      consent: { necessary: true, analytics: true, marketing: true },
      user: JSON.stringify(user),
      click: JSON.stringify({ gclid: 'g' }),
      anon_id: 'anon1',
      user_agent: 'Test/1.0',
      ip: '203.0.113.5',
      ...extra,
    });
    const denied = { id: 'both', consent: refused, user: null, click: null, anon_id: 'anon1', user_agent: null, ip: null };

    it('without the header, marketing consent is kept with hashed user data, click ids, user agent and IP', async () => {
      const { res, rows } = await storedRows({});
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      expect(rows).toEqual([kept('both')]);
    });

    it('with the header, stores each event as if marketing were refused, and answers as usual', async () => {
      const { res, rows } = await storedRows({ 'sec-gpc': '1' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      expect(rows).toEqual([denied]);
    });

    it('with the header, a marketing-only event is rejected as having no consent; the others are stored', async () => {
      const { res, rows } = await storedRows({ 'sec-gpc': '1' }, [only(), both()]);
      expect(await res.json()).toEqual({
        accepted: 1,
        duplicates: 0,
        rejected: [{ index: 0, code: 'no_consent', message: expect.stringMatching(/^events\[0\]\.consent: .*Global Privacy Control/) }],
      });
      expect(rows).toEqual([denied]);
    });

    it('answers 400 no_valid_events when GPC leaves no event any consent', async () => {
      const { res, rows } = await storedRows({ 'sec-gpc': '1' }, [only()]);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'no_valid_events' }, rejected: [{ index: 0, code: 'no_consent' }] });
      expect(rows).toEqual([]);
    });

    it('an explicit override (marketing granted while GPC was on: g 1) lets marketing through', async () => {
      const { res, rows } = await storedRows({ 'sec-gpc': '1', cookie: cookie(grantedUnderGpc) }, [only(), both()]);
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      expect(rows).toEqual([
        kept('both'),
        kept('only', { consent: { necessary: true, analytics: false, marketing: true }, click: null, anon_id: null }),
      ]);
    });

    it.each([
      ['marketing granted before GPC was on (no g)', { c: { necessary: true, analytics: true, marketing: true } }],
      ['marketing refused under GPC', { c: refused, g: 1 }],
      ['g true instead of 1', { c: { necessary: true, analytics: true, marketing: true }, g: true }],
      ['a decision of another format version', { v: 2, c: { necessary: true, analytics: true, marketing: true }, g: 1 }],
    ])('a cookie that is no override (%s) changes nothing: marketing refused', async (_, decision) => {
      const { res, rows } = await storedRows({ 'sec-gpc': '1', cookie: cookie(decision) });
      expect(res.status).toBe(200);
      expect(rows).toEqual([denied]);
    });

    it('reads the override from the consentCookie option', async () => {
      const options = { consentCookie: 'site_consent' };
      expect((await storedRows({ 'sec-gpc': '1', cookie: cookie(grantedUnderGpc, 'site_consent') }, [both()], options)).rows).toEqual([kept('both')]);
      expect((await storedRows({ 'sec-gpc': '1', cookie: cookie(grantedUnderGpc) }, [both()], options)).rows).toEqual([denied]);
    });

    it('ignores Sec-GPC values other than 1', async () => {
      expect((await storedRows({ 'sec-gpc': '0' })).rows).toEqual([kept('both')]);
    });
  });

  describe('the consent cookie now (events are sent some time after they were tracked)', () => {
    const user = { em: 'c'.repeat(64) };
    const vendors = { meta: 'both', tiktok: 'server' };
    const click = { fbc: 'fb.1.1.IwAR0', fbp: 'fb.1.1.42', ttclid: 'E.C.P', ttp: 'tt1' };
    const tracked = () => event('a', { anon_id: 'anon1', user, click, vendors });
    const cookie = (decision: Record<string, unknown>, name = 'tr_consent') =>
      `${name}=${encodeURIComponent(JSON.stringify({ v: 1, id: 'c1', ts: NOW - 1000, rev: 1, ...decision }))}`;
    const granted = { necessary: true, analytics: true, marketing: true };

    async function stored(headers: Record<string, string>, options: CollectorOptions = {}) {
      const store = openStore();
      const insertEvents = vi.fn(store.insertEvents);
      const { post } = setup({ trustProxy: true, ...options }, { ...store, insertEvents });
      const res = await post(batch([tracked()]), { headers: { 'user-agent': 'Test/1.0', 'x-forwarded-for': '203.0.113.5', ...headers } });
      expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      const [[events, meta]] = insertEvents.mock.calls as unknown as [WireEvent[], { userAgent?: string; ip?: string }][];
      return { event: events[0], meta };
    }

    it('a vendor refused since loses its entry in vendors and its click ids; the others are kept', async () => {
      const { event: e, meta } = await stored({ cookie: cookie({ c: granted, vd: { meta: false, tiktok: true } }) });
      expect(e.vendors).toEqual({ tiktok: 'server' });
      expect(e.click).toEqual({ ttclid: 'E.C.P', ttp: 'tt1' });
      expect(e.user).toEqual(user);
      expect(meta).toMatchObject({ userAgent: 'Test/1.0', ip: '203.0.113.5' });
    });

    it('marketing withdrawn since strips user, click ids, vendors, user agent and IP, and leaves consent as tracked', async () => {
      const { event: e, meta } = await stored({ cookie: cookie({ c: { ...granted, marketing: false } }) });
      expect(e).not.toHaveProperty('user');
      expect(e).not.toHaveProperty('click');
      expect(e).not.toHaveProperty('vendors');
      expect(e).toMatchObject({ consent: granted, anon_id: 'anon1' });
      expect(meta).toMatchObject({ userAgent: undefined, ip: undefined });
    });

    it.each([
      ['no cookie', {}],
      ['an unreadable cookie', { cookie: 'tr_consent=%7Bnot-json' }],
      ['a decision of another format version', { cookie: cookie({ v: 2, c: { ...granted, marketing: false } }) }],
    ])('%s changes nothing', async (_, headers: Record<string, string>) => {
      const { event: e, meta } = await stored(headers);
      expect(e).toEqual(tracked());
      expect(meta).toMatchObject({ userAgent: 'Test/1.0', ip: '203.0.113.5' });
    });

    it('reads the consentCookie option', async () => {
      const refusesMeta = { c: granted, vd: { meta: false } };
      const options = { consentCookie: 'site_consent' };
      expect((await stored({ cookie: cookie(refusesMeta, 'site_consent') }, options)).event.vendors).toEqual({ tiktok: 'server' });
      expect((await stored({ cookie: cookie(refusesMeta) }, options)).event.vendors).toEqual(vendors);
    });
  });

  it('hands the store the receive time, user agent, client IP and drop count', async () => {
    const insertEvents = vi.fn(() => ({ inserted: 1, duplicates: 0 }));
    const { post } = setup({ trustProxy: true }, { ...openStore(), insertEvents });
    // The client forged the first entry; the trusted proxy appended the address it saw.
    await post(batch([event('a')], { dropped: 2 }), { headers: { 'user-agent': 'Test/1.0', 'x-forwarded-for': '198.51.100.9, 203.0.113.5' } });
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
    // A client cannot escape its bucket by forging entries in front of the proxy's.
    expect((await from('192.0.2.1, 198.51.100.7', 'e')).status).toBe(429);
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

  it('is on by default (120 per 10 s), for receipts too', async () => {
    const app = createApp({ log: () => {} }, openStore(), () => NOW);
    const statuses = [];
    for (let i = 0; i < 121; i++) statuses.push((await app.request('/t/c', { method: 'POST', body: '{}' })).status);
    expect(statuses.slice(0, 120).every((s) => s == 400)).toBe(true);
    expect(statuses[120]).toBe(429);
  });

  it('shares one bucket between /e and /c, and guards token guessing on GET /t/c', async () => {
    const { app, post } = setup({ rateLimit: { requests: 3, perSeconds: 60 }, adminToken: TOKEN });
    expect((await post(batch([event('a')]))).status).toBe(200);
    expect((await post(JSON.stringify(receipt()), {}, '/t/c')).status).toBe(201);
    expect((await app.request('/t/c?consent_id=c1', { headers: { authorization: 'Bearer guess' } })).status).toBe(401);
    const res = await app.request('/t/c?consent_id=c1', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(429);
    expect((await app.request('/t/health')).status).toBe(200);
  });
});

const TOKEN = 'admin-7Hq9xL2pR4vN8mK3';
const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const receipt = (overrides: Record<string, unknown> = {}) => ({
  v: 1,
  consent_id: 'c1',
  ts: NOW - 500,
  choices: { necessary: true, analytics: true, marketing: false },
  vendors: { meta: false, tiktok: false },
  rev: 3,
  lang: 'en',
  text_hash: HASH,
  layer: 'banner',
  action: 'save',
  gpc: false,
  page: 'https://shop.example/p/1',
  ...overrides,
});

describe('POST /t/c (consent receipts)', () => {
  const post = (app: ReturnType<typeof setup>, body: unknown, headers: Record<string, string> = {}) =>
    app.post(typeof body == 'string' ? body : JSON.stringify(body), { headers }, '/t/c');

  it('stores a receipt: 201 { stored: true, seq }, listed with seq and received_at', async () => {
    const app = setup();
    const res = await post(app, receipt());
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ stored: true, seq: 1 });
    expect((await post(app, receipt({ action: 'withdraw', ts: NOW - 100 }))).status).toBe(201);
    expect(app.store.listReceipts({ consentId: 'c1' })).toEqual([
      { ...receipt(), seq: 1, received_at: NOW },
      { ...receipt({ action: 'withdraw', ts: NOW - 100 }), seq: 2, received_at: NOW },
    ]);
  });

  it('also parses application/json, and refuses other content types with 415', async () => {
    const app = setup();
    expect((await post(app, receipt(), { 'content-type': 'application/json' })).status).toBe(201);
    const res = await post(app, receipt({ consent_id: 'c2' }), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect(app.store.listReceipts({ consentId: 'c2' })).toEqual([]);
  });

  it('is idempotent: the same consent_id + ts + action again answers 200 { stored: false, seq } and is stored once', async () => {
    const app = setup();
    await post(app, receipt({ consent_id: 'other' }));
    expect(await (await post(app, receipt())).json()).toEqual({ stored: true, seq: 2 });
    const res = await post(app, receipt());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: false, seq: 2 });
    expect(app.store.listReceipts({ consentId: 'c1' })).toHaveLength(1);
  });

  it('answers 409 conflict to a different receipt under a stored consent_id + ts + action, keeping the first', async () => {
    const app = setup();
    await post(app, receipt());
    const changed = receipt({ choices: { necessary: true, analytics: true, marketing: true } });
    const res = await post(app, changed);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'conflict', message: expect.stringMatching(/consent_id, ts and action/) } });
    // A retry of the first stays a harmless duplicate, in any key order.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(receipt()).reverse()));
    expect((await post(app, reordered)).status).toBe(200);
    expect(app.store.listReceipts({ consentId: 'c1' })).toEqual([{ ...receipt(), seq: 1, received_at: NOW }]);
  });

  it('takes a decision made on an iframe placeholder (layer placeholder)', async () => {
    const app = setup();
    const res = await post(app, receipt({ layer: 'placeholder', action: 'update' }));
    expect(res.status).toBe(201);
    expect(app.store.listReceipts({ consentId: 'c1' })).toMatchObject([{ layer: 'placeholder', action: 'update' }]);
  });

  it.each([
    ['an empty body', '', 'empty_body', /^the body is empty/],
    ['non-JSON', 'consent=yes', 'invalid_json', /^the body is not JSON/],
    ['a JSON array', JSON.stringify([receipt()]), 'invalid_body', /one receipt/],
    ['choices as a string', receipt({ choices: 'all' }), 'invalid_field', /^choices: /],
    ['a missing choice', receipt({ choices: { analytics: true } }), 'missing_field', /^choices\.marketing: required/],
    ['ts as a string', receipt({ ts: String(NOW) }), 'invalid_field', /^ts: /],
    ['rev 0', receipt({ rev: 0 }), 'invalid_field', /^rev: /],
    ['gpc as a string', receipt({ gpc: 'true' }), 'invalid_field', /^gpc: /],
    ['a bad layer', receipt({ layer: 'popup' }), 'invalid_field', /^layer: must be one of banner, preferences, placeholder, api, gpc$/],
    ['a bad action', receipt({ action: 'dismiss' }), 'invalid_field', /^action: must be one of /],
    ['an unhashed text_hash', receipt({ text_hash: 'We use cookies to improve your experience.' }), 'invalid_field', /^text_hash: /],
    ['a bad vendor key', receipt({ vendors: { 'Meta Pixel': true } }), 'invalid_field', /^vendors\.Meta Pixel: /],
    ['a page with a query string', receipt({ page: 'https://shop.example/?email=jane@example.com' }), 'invalid_field', /^page: /],
    ['an unknown field', receipt({ ip: '203.0.113.5' }), 'unknown_field', /^ip: unknown field/],
    ['a __proto__ key', JSON.stringify(receipt()).replace('{', '{"__proto__":{"polluted":1},'), 'forbidden_key', /^__proto__: /],
    ['a constructor key in choices', JSON.stringify(receipt()).replace('"choices":{', '"choices":{"constructor":true,'), 'forbidden_key', /^choices\.constructor: /],
  ])('answers 400 to %s, naming the field, and stores nothing', async (_, body, code, message) => {
    const app = setup();
    const res = await post(app, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code, message: expect.stringMatching(message) } });
    expect(app.store.listReceipts({ consentId: 'c1' })).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 400 to no body at all and to invalid UTF-8', async () => {
    const app = setup();
    expect(await (await app.post(null, {}, '/t/c')).json()).toMatchObject({ error: { code: 'empty_body' } });
    const res = await app.post(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), {}, '/t/c');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_utf8' } });
  });

  describe('413 above 8 KiB, whatever maxBodyBytes says', () => {
    const padded = (bytes: number) => JSON.stringify(receipt()).padEnd(bytes, ' ');

    it('takes 8192 bytes and refuses 8193', async () => {
      const app = setup({ maxBodyBytes: 1_000_000 });
      expect((await post(app, padded(8193))).status).toBe(413);
      expect((await post(app, padded(8192))).status).toBe(201);
    });

    it('by Content-Length, and when chunked', async () => {
      const app = setup();
      const big = padded(100_000);
      const res = await post(app, big, { 'content-length': String(big.length) });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'too_large', message: expect.stringContaining('8192') } });
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      });
      expect((await app.post(stream, { duplex: 'half' } as RequestInit, '/t/c')).status).toBe(413);
      expect(app.store.listReceipts({ consentId: 'c1' })).toEqual([]);
    });
  });

  it('keeps no IP and no user agent: the store gets the receipt and the time, nothing else', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tagrelay-receipts-')), 'r.db');
    const insertReceipt = vi.fn();
    const store = openStore({ path });
    const app = setup({ trustProxy: true }, { ...store, insertReceipt: (...args: Parameters<Store['insertReceipt']>) => (insertReceipt(...args), store.insertReceipt(...args)) });
    const headers = { 'user-agent': 'Mozilla/5.0 UniqueAgent/9.9', 'x-forwarded-for': '203.0.113.77', cookie: 'tr_consent=abc' };
    expect((await post(app, receipt(), headers)).status).toBe(201);
    expect(insertReceipt).toHaveBeenCalledWith(receipt(), NOW);
    expect(insertReceipt.mock.calls[0]).toHaveLength(2);
    store.close();

    const db = new Database(path);
    const rows = db.prepare('SELECT * FROM consent_receipts').all() as Record<string, unknown>[];
    expect(rows).toEqual([{ seq: 1, consent_id: 'c1', ts: NOW - 500, received_at: NOW, action: 'save', body: JSON.stringify(receipt()) }]);
    const dump = JSON.stringify(rows);
    for (const secret of ['UniqueAgent', '203.0.113.77', 'tr_consent']) expect(dump).not.toContain(secret);
    db.close();
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('answers 503 with Retry-After when the store fails, and logs it', async () => {
    const failing: Store = {
      ...openStore(),
      insertReceipt: () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    };
    const app = setup({}, failing);
    const res = await post(app, receipt());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: 'store_unavailable', message: expect.any(String) } });
    expect(app.log).toHaveBeenCalledWith(expect.stringContaining('consent receipt'), expect.any(Error));
  });

  it('refuses a foreign origin (403, nothing stored) and takes an allowed one with exact ACAO', async () => {
    const app = setup({ origins: ['https://shop.example'] });
    for (const origin of ['https://evil.example', 'null']) {
      const res = await post(app, receipt(), { origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    }
    const preflight = await app.app.request('/t/c', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(preflight.status).toBe(403);
    expect(app.store.listReceipts({ consentId: 'c1' })).toEqual([]);

    const res = await post(app, receipt(), { origin: 'https://shop.example' });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('GET /t/c (receipts of one consent id)', () => {
  /** An app with two receipts for c1 and one for c2. */
  async function withReceipts(options: CollectorOptions) {
    const app = setup(options);
    for (const body of [receipt(), receipt({ action: 'withdraw', ts: NOW - 100 }), receipt({ consent_id: 'c2' })]) {
      expect((await app.post(JSON.stringify(body), {}, '/t/c')).status).toBe(201);
    }
    const get = (query: string, headers: Record<string, string> = {}) => app.app.request(`/t/c${query}`, { headers });
    return { ...app, get };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('is off without adminToken or exposeEvents: 404, while POST works', async () => {
    const { get } = await withReceipts({});
    for (const headers of [{}, bearer(TOKEN)]) {
      const res = await get('?consent_id=c1', headers);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('with adminToken: 401 without a token or with a wrong one, 200 with the right one', async () => {
    const { get } = await withReceipts({ adminToken: TOKEN });
    for (const headers of [{}, bearer('wrong'), bearer(`${TOKEN}x`), bearer(TOKEN.slice(1)), { authorization: `Basic ${TOKEN}` }, { authorization: TOKEN }]) {
      const res = await get('?consent_id=c1', headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(text).not.toContain('withdraw');
    }
    const res = await get('?consent_id=c1', bearer(TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      receipts: [
        { ...receipt(), seq: 1, received_at: NOW },
        { ...receipt({ action: 'withdraw', ts: NOW - 100 }), seq: 2, received_at: NOW },
      ],
    });
  });

  it('checks the token before the query: no 400 for a caller without it', async () => {
    const { get } = await withReceipts({ adminToken: TOKEN });
    expect((await get('')).status).toBe(401);
    expect((await get('?consent_id=has%20space')).status).toBe(401);
  });

  it('with exposeEvents (demo and tests): 200 without a token', async () => {
    const { get } = await withReceipts({ exposeEvents: true });
    const res = await get('?consent_id=c2');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ receipts: [{ ...receipt({ consent_id: 'c2' }), seq: 3, received_at: NOW }] });
    expect(await (await get('?consent_id=nobody')).json()).toEqual({ receipts: [] });
  });

  it('with both, the token is still required', async () => {
    const { get } = await withReceipts({ exposeEvents: true, adminToken: TOKEN });
    expect((await get('?consent_id=c1')).status).toBe(401);
    expect((await get('?consent_id=c1', bearer(TOKEN))).status).toBe(200);
  });

  it('requires a well-formed consent_id: 400 otherwise', async () => {
    const { get } = await withReceipts({ adminToken: TOKEN });
    for (const query of ['', '?consent_id=', '?consentId=c1', '?consent_id=has%20space', `?consent_id=${'x'.repeat(65)}`]) {
      const res = await get(query, bearer(TOKEN));
      expect(res.status, query).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid_query', message: expect.stringMatching(/^consent_id: /) } });
    }
  });

  it('refuses a foreign origin with 403', async () => {
    const { get } = await withReceipts({ adminToken: TOKEN, origins: ['https://shop.example'] });
    expect((await get('?consent_id=c1', { ...bearer(TOKEN), origin: 'https://evil.example' })).status).toBe(403);
    expect((await get('?consent_id=c1', { ...bearer(TOKEN), origin: 'https://shop.example' })).status).toBe(200);
  });

  it('refuses a malformed adminToken at start-up rather than run unguarded', () => {
    for (const adminToken of ['', 'two words']) expect(() => setup({ adminToken })).toThrow(/adminToken/);
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
