// @vitest-environment happy-dom
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlusher } from './createFlusher';
import { createTracker, type Config, type Tracker } from './createTracker';
import type { OutboxGroup } from './outbox';
import { memoryStore, type KeyValueStore } from './stores';
import type { SendResult } from './transport';
import type { Problem, WireEvent } from './types';
import { withLock } from './withLock';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

let tracker: Tracker | undefined;

/** A tracker on happy-dom with in-memory stores and an endpoint that records what it gets. */
const sharedStores = new Map<string, KeyValueStore<unknown>>();

function setup(config: Config = {}, answer: (events: WireEvent[]) => SendResult = () => ({ status: 200 }), stores = new Map<string, KeyValueStore<unknown>>()) {
  const sent: WireEvent[][] = [];
  const beacons: WireEvent[][] = [];
  const problems: Problem[] = [];
  const opened: string[] = [];
  const puts = vi.fn();
  const store = async <V,>(name: string) => {
    opened.push(name);
    if (!stores.has(name)) {
      const s = memoryStore<unknown>();
      stores.set(name, { ...s, put: (items) => (puts(name, items.length), s.put(items)) });
    }
    return stores.get(name) as KeyValueStore<V>;
  };
  const send = async (_url: string, body: string, _b: number, o: { unloading?: boolean }): Promise<SendResult> => {
    const events = JSON.parse(body).events as WireEvent[];
    if (o.unloading) {
      beacons.push(events);
      return { status: 'beacon' };
    }
    sent.push(events);
    return answer(events);
  };
  tracker = createTracker(
    { endpoint: '/t', flushDelayMs: 0, ...config },
    {
      window,
      store,
      flusher: (o) => createFlusher(o, { send, lock: (_n, fn) => withLock('x', fn, undefined), now: Date.now, random: () => 0, online: () => true }),
    },
  );
  tracker.on('error', (p) => problems.push(p));
  const all = () => sent.flat();
  const outbox = async () =>
    ((await stores.get('tagrelay-outbox')?.all()) || []).flatMap(([, g]) => (g as OutboxGroup).map((x) => JSON.parse(x.json) as WireEvent));
  return { tracker, sent, all, beacons, problems, opened, puts, outbox };
}

/** An earlier page of the same browser: marketing allowed, the visitor identified (kept in `sharedStores`). */
async function identifyOnAnEarlierPage(email: string) {
  sharedStores.clear();
  const first = setup({ autoPageViews: false }, undefined, sharedStores);
  first.tracker.consent.update({ marketing: true });
  first.tracker.identify({ email });
  first.tracker.track('login');
  await first.tracker.flush();
  first.tracker.destroy();
}

const clearCookies = () => {
  for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
};

describe('createTracker', () => {
  beforeEach(() => {
    clearCookies();
    localStorage.clear();
    history.replaceState(null, '', '/shop');
  });
  afterEach(() => {
    tracker?.destroy();
    tracker = undefined;
  });

  it('before any decision: holds events in memory, sends nothing, stores nothing, sets no cookie', async () => {
    const t = setup();
    t.tracker.track('view_item', { value: 1, currency: 'PLN' });
    await t.tracker.flush();
    expect(t.all()).toEqual([]);
    expect(t.opened).toEqual([]);
    expect(document.cookie).toBe('');
  });

  it('on accept: the held events (first page view included) go out, with consent and visitor ids', async () => {
    const t = setup();
    t.tracker.track('view_item', { value: 1, currency: 'PLN' });
    t.tracker.consent.update({ analytics: true, marketing: true });
    await t.tracker.flush();
    const events = t.all();
    expect(events.map((e) => e.name)).toEqual(['page_view', 'view_item']);
    expect(events[0]).toMatchObject({
      consent: { necessary: true, analytics: true, marketing: true },
      page: { url: location.origin + '/shop' },
    });
    expect(events[0]!.anon_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[1]!.anon_id).toBe(events[0]!.anon_id);
    expect(events[1]!.session_id).toBe(events[0]!.session_id);
    expect(document.cookie).toMatch(/tr_aid=/);
    expect(await t.outbox()).toEqual([]);
  });

  it('after rejection: drops held and later events, never opens storage, sets only the consent cookie', async () => {
    const t = setup();
    t.tracker.track('view_item');
    t.tracker.consent.update({ analytics: false, marketing: false });
    t.tracker.track('purchase', { value: 5, currency: 'PLN', transaction_id: 'T' });
    await t.tracker.flush();
    expect(t.all()).toEqual([]);
    expect(t.opened).toEqual([]);
    expect(document.cookie.split('; ').map((c) => c.split('=')[0])).toEqual(['tr_consent']);
  });

  it('analytics only: events go without user data', async () => {
    const t = setup();
    t.tracker.consent.update({ analytics: true });
    t.tracker.identify({ email: 'a@b.co' });
    t.tracker.track('sign_up');
    await t.tracker.flush();
    const e = t.all().find((x) => x.name == 'sign_up')!;
    expect(e.user).toBeUndefined();
    expect(e.consent.analytics).toBe(true);
  });

  it('marketing only: user data, no analytics ids and no analytics cookies', async () => {
    const t = setup();
    t.tracker.consent.update({ marketing: true });
    t.tracker.identify({ email: ' A@B.co ' });
    t.tracker.track('sign_up');
    await t.tracker.flush();
    const e = t.all().find((x) => x.name == 'sign_up')!;
    expect(e.user).toMatchObject({ em: sha('a@b.co') });
    expect(e.anon_id).toBeUndefined();
    expect(document.cookie).not.toMatch(/tr_aid|tr_sid/);
  });

  it('a track() right after identify() carries the hashed identity; one before it does not', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true, marketing: true });
    t.tracker.track('before');
    t.tracker.identify({ email: 'x@y.zz' });
    t.tracker.track('after');
    await t.tracker.flush();
    const byName = Object.fromEntries(t.all().map((e) => [e.name, e]));
    expect(byName.before!.user).toBeUndefined();
    expect(byName.after!.user).toEqual({ em: sha('x@y.zz') });
    expect(JSON.stringify(t.all())).not.toContain('x@y.zz');
    expect(t.all().map((e) => e.name)).toEqual(['before', 'after']);
  });

  it('writes a burst of events to storage in one call per task', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true });
    for (let i = 0; i < 100; i++) t.tracker.track('burst', { i });
    await t.tracker.flush();
    // One store call for the task's burst: two groups of one batch each.
    expect(t.puts.mock.calls.filter(([name]) => name == 'tagrelay-outbox')).toEqual([['tagrelay-outbox', 2]]);
    expect(t.all()).toHaveLength(100);
    expect(new Set(t.all().map((e) => e.id)).size).toBe(100);
  });

  it('never throws into the site: bad input is reported and good events in the same burst still go', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true });
    expect(() => {
      t.tracker.track(undefined as never);
      t.tracker.track('bad name!');
      t.tracker.track('good', { value: 'abc' as never, ok: 1 });
      t.tracker.track('good2', 'not an object' as never);
      t.tracker.track('good3', undefined, { id: 'has spaces' });
      t.tracker.identify(42 as never);
      t.tracker.consent.update(null as never);
      t.tracker.on('event', 'nope' as never);
    }).not.toThrow();
    await t.tracker.flush();
    expect(t.all().map((e) => e.name)).toEqual(['good', 'good2', 'good3']);
    expect(t.all()[0]!.params).toEqual({ ok: 1 });
    expect(t.problems.map((p) => p.code)).toEqual([
      'invalid_name',
      'invalid_name',
      'invalid_number',
      'invalid_params',
      'invalid_id',
      'invalid_user',
      'invalid_consent',
      'invalid_listener',
    ]);
  });

  it('a listener that throws breaks nothing', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.on('event', () => {
      throw new Error('site bug');
    });
    t.tracker.consent.update({ analytics: true });
    expect(t.tracker.track('still')).toMatch(/^[0-9a-f-]{36}$/);
    await t.tracker.flush();
    expect(t.all().map((e) => e.name)).toEqual(['still']);
  });

  it('uses the id given in options, the same one pixels get', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true });
    expect(t.tracker.track('purchase', {}, { id: 'order-42' })).toBe('order-42');
    await t.tracker.flush();
    expect(t.all()[0]!.id).toBe('order-42');
  });

  it('keeps events in the outbox while the endpoint fails', async () => {
    const t = setup({ autoPageViews: false }, () => ({ status: 503 }));
    t.tracker.consent.update({ analytics: true });
    t.tracker.track('kept');
    await t.tracker.flush();
    expect((await t.outbox()).map((e) => e.name)).toEqual(['kept']);
  });

  it('withdrawing marketing purges user data from waiting events; withdrawing everything empties the outbox', async () => {
    const t = setup({ autoPageViews: false }, () => ({ status: 503 }));
    t.tracker.consent.update({ analytics: true, marketing: true });
    t.tracker.identify({ email: 'a@b.co' });
    t.tracker.track('one');
    await t.tracker.flush();
    expect((await t.outbox())[0]!.user).toBeDefined();
    t.tracker.consent.update({ marketing: false });
    await t.tracker.flush();
    await vi.waitFor(async () => expect((await t.outbox())[0]!.user).toBeUndefined());
    t.tracker.consent.update({ analytics: false });
    await vi.waitFor(async () => expect(await t.outbox()).toEqual([]));
    expect(document.cookie).not.toMatch(/tr_aid|tr_sid/);
  });

  it('on pagehide, beacons the events this tab has not had acknowledged', async () => {
    const t = setup({ autoPageViews: false, flushDelayMs: 60_000 });
    t.tracker.consent.update({ analytics: true });
    t.tracker.track('purchase', { transaction_id: 'T1' });
    await new Promise((r) => setTimeout(r, 0));
    window.dispatchEvent(new Event('pagehide'));
    expect(t.beacons.flat().map((e) => e.name)).toEqual(['purchase']);
  });

  it('a page left while hashing is still under way: the event goes without identity, never lost', async () => {
    const t = setup({ autoPageViews: false, flushDelayMs: 60_000 });
    t.tracker.consent.update({ analytics: true, marketing: true });
    await t.tracker.flush(); // the delivery chunk is loaded
    t.tracker.identify({ email: 'slow@hash.zz' });
    t.tracker.track('purchase', { transaction_id: 'T2' });
    window.dispatchEvent(new Event('pagehide')); // same task: hashing cannot be done
    const [e] = t.beacons.flat();
    expect(e).toMatchObject({ name: 'purchase', params: { transaction_id: 'T2' } });
    expect(e!.user).toBeUndefined();
    expect(JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('tagrelay:rescue:'))!)!)[0].id).toBe(e!.id);
  });

  it('a page hidden before its outbox write is confirmed saves the events for the next page', async () => {
    const first = setup({ autoPageViews: false, flushDelayMs: 60_000 });
    first.tracker.consent.update({ analytics: true });
    first.tracker.track('kept_for_later');
    await new Promise((r) => queueMicrotask(() => r(undefined)));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    first.tracker.destroy();
    const next = setup({ autoPageViews: false });
    await next.tracker.flush();
    expect(next.all().map((e) => e.name)).toEqual(['kept_for_later']);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('tagrelay:rescue:'))).toEqual([]);
  });

  it('keeps the hashed identity for later pages with marketing consent, and forgets it on withdrawal', async () => {
    await identifyOnAnEarlierPage('kept@example.com');
    const second = setup({ autoPageViews: false }, undefined, sharedStores);
    second.tracker.track('purchase');
    await second.tracker.flush();
    expect(second.all()[0]!.user).toEqual({ em: sha('kept@example.com') });
    second.tracker.consent.update({ marketing: false, analytics: true });
    await second.tracker.flush();
    await vi.waitFor(async () => expect(await sharedStores.get('tagrelay-user')!.all()).toEqual([]));
  });

  it("a later page's automatic first page view carries the kept identity", async () => {
    await identifyOnAnEarlierPage('kept@example.com');
    const second = setup({}, undefined, sharedStores);
    await second.tracker.flush();
    expect(second.all().map((e) => [e.name, e.user])).toEqual([['page_view', { em: sha('kept@example.com') }]]);
  });

  it('a storage that fails to open is asked for again, and no event is lost meanwhile', async () => {
    let fail = true;
    const inner = memoryStore<unknown>();
    const sent: string[] = [];
    tracker = createTracker(
      { endpoint: '/t', flushDelayMs: 0, autoPageViews: false },
      {
        window,
        store: async <V,>() => {
          if (fail) throw new Error('chunk failed to load');
          return inner as KeyValueStore<V>;
        },
        flusher: (o) =>
          createFlusher(o, {
            send: async (_u, body) => (sent.push(...JSON.parse(body).events.map((e: WireEvent) => e.name)), { status: 200 }),
            lock: (_n, fn) => withLock('x', fn, undefined),
            now: Date.now,
            random: () => 0,
            online: () => true,
          }),
      },
    );
    tracker.consent.update({ analytics: true });
    tracker.track('first');
    await tracker.flush();
    expect(sent).toEqual([]);
    fail = false;
    tracker.track('second');
    await tracker.flush();
    await vi.waitFor(() => expect(sent.sort()).toEqual(['first', 'second']));
  });

  it('a rejection made while an identity is hashed: the waiting event is not sent', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true, marketing: true });
    await t.tracker.flush();
    t.tracker.identify({ email: 'a@b.co' });
    t.tracker.track('purchase');
    await Promise.resolve();
    await Promise.resolve();
    t.tracker.consent.update({ analytics: false, marketing: false });
    await t.tracker.flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.all().map((e) => e.name)).not.toContain('purchase');
    expect(await t.outbox()).toEqual([]);
  });

  it('reject, then accept again while a write is pending: later events still go, leaving never throws', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true });
    t.tracker.track('first');
    await Promise.resolve();
    t.tracker.consent.update({ analytics: false });
    t.tracker.consent.update({ analytics: true });
    t.tracker.track('again');
    await t.tracker.flush();
    expect(t.all().map((e) => e.name)).toContain('again');
    expect(() => window.dispatchEvent(new Event('pagehide'))).not.toThrow();
    expect(t.problems.map((p) => p.code)).not.toContain('internal_error');
  });

  it('drops (and reports) an event over the endpoint limit in UTF-8 bytes, though short in UTF-16', async () => {
    const t = setup({ autoPageViews: false });
    t.tracker.consent.update({ analytics: true });
    const items = Array.from({ length: 12 }, () => ({ item_name: '咖啡'.repeat(250) }));
    t.tracker.track('view_item_list', { items });
    t.tracker.track('small');
    await t.tracker.flush();
    expect(t.all().map((e) => e.name)).toEqual(['small']);
    expect(t.problems.map((p) => p.code)).toContain('event_too_large');
  });

  it('tracks the first page view once, and SPA route changes', async () => {
    const t = setup();
    t.tracker.consent.update({ analytics: true });
    history.replaceState(null, '', '/shop');
    history.pushState(null, '', '/shop/item');
    await new Promise((r) => setTimeout(r, 10));
    await t.tracker.flush();
    expect(t.all().map((e) => [e.name, new URL(e.page.url).pathname])).toEqual([
      ['page_view', '/shop'],
      ['page_view', '/shop/item'],
    ]);
  });

  it('emits consent changes and show requests', () => {
    const t = setup();
    const seen: unknown[] = [];
    t.tracker.on('consent', (d) => seen.push(d.c.analytics));
    t.tracker.on('show', () => seen.push('show'));
    t.tracker.consent.update({ analytics: true });
    t.tracker.consent.show();
    expect(seen).toEqual([true, 'show']);
  });

  it('events wait for _wait(ready); the hook it resolves to sees every finished event, page view included, and what it adds goes on the wire', async () => {
    const t = setup();
    let release!: (hook: (e: WireEvent) => void) => void;
    t.tracker._wait(new Promise((r) => (release = r)));
    t.tracker.consent.update({ analytics: true, marketing: true });
    t.tracker.track('purchase', { value: 1, currency: 'PLN' });
    await new Promise((r) => setTimeout(r, 10));
    expect(t.all()).toEqual([]);
    const seen: string[] = [];
    release((e) => {
      seen.push(e.name);
      e.vendors = { meta: 'both' };
    });
    await t.tracker.flush();
    expect(seen).toEqual(['page_view', 'purchase']);
    expect(t.all().map((e) => [e.name, e.vendors])).toEqual([['page_view', { meta: 'both' }], ['purchase', { meta: 'both' }]]);
  });

  it('a consent manager that fails to load holds nothing up', async () => {
    const t = setup();
    t.tracker._wait(Promise.reject(new Error('chunk failed')));
    t.tracker.consent.update({ analytics: true });
    await t.tracker.flush();
    expect(t.all().map((e) => e.name)).toEqual(['page_view']);
  });

  it('without an endpoint, finished events still reach the hook (pixels alone), and nothing is stored', async () => {
    const t = setup({ endpoint: undefined });
    const seen: string[] = [];
    t.tracker._wait(Promise.resolve((e: WireEvent) => void seen.push(`${e.name}:${e.consent.marketing}`)));
    t.tracker.consent.update({ marketing: true });
    t.tracker.track('sign_up');
    await t.tracker.flush();
    expect(seen).toEqual(['page_view:true', 'sign_up:true']);
    expect(t.opened).not.toContain('tagrelay-outbox');
  });
  it('a page hidden while events wait (consent manager on its way): each event is finished once', async () => {
    const t = setup();
    let release!: (hook: (e: WireEvent) => void) => void;
    t.tracker._wait(new Promise((r) => (release = r)));
    t.tracker.consent.update({ analytics: true });
    const id = t.tracker.track('purchase', { value: 1, currency: 'PLN' });
    await new Promise((r) => setTimeout(r, 0));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    const seen: string[] = [];
    release((e) => void seen.push(e.name));
    await t.tracker.flush();
    // Finished by the hidden page (before the hook came), never again after; and delivered.
    expect(seen).toEqual([]);
    expect(t.all().map((e) => e.id)).toContain(id);
  });
});
