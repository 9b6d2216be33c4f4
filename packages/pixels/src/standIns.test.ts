// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { routeVendors, standInScript, VENDOR_SCRIPTS, vendorCalls } from '../../../e2e/support/vendorStandIns';
import { GOOGLE_SCRIPT, installGoogleStub } from './google';
import { installLinkedInStub, LINKEDIN_SCRIPT } from './linkedin';
import { installMetaStub, META_SCRIPT } from './meta';
import { installPinterestStub, PINTEREST_SCRIPT } from './pinterest';
import { installRedditStub, REDDIT_SCRIPT } from './reddit';
import { installSnapStub, SNAP_SCRIPT } from './snap';
import { installTiktokStub, TIKTOK_SCRIPT } from './tiktok';
import { installXStub, X_SCRIPT } from './x';

type Fn = (...args: unknown[]) => unknown;
// The vendor globals as the tests reach them; every property is looked up when called.
const g = window as unknown as { [name: string]: any };
const call = (name: string, ...args: unknown[]) => (g[name] as Fn)(...args);
const standIn = (vendor: string) => new Function(standInScript(vendor))();

const GLOBALS = ['fbq', '_fbq', 'ttq', 'TiktokAnalyticsObject', 'lintrk', '_linkedin_partner_id', '_linkedin_data_partner_ids', 'gtag', 'dataLayer', 'pintrk', 'snaptr', 'twq', 'rdt', '__vendorCalls', '__vendorLoaded'];
afterEach(() => {
  for (const name of GLOBALS) delete g[name];
});

type Case = {
  vendor: string;
  install: () => void;
  /** Two calls made before the stand-in loads. */
  before: () => void;
  /** One call made after. */
  after: () => void;
  /** Everything recorded, in order. */
  expected: unknown[][];
};

const JS_TIME = new Date('2024-05-06T07:08:09.000Z');

const CASES: Case[] = [
  {
    vendor: 'meta',
    install: () => installMetaStub(window),
    before: () => {
      call('fbq', 'consent', 'revoke');
      call('fbq', 'init', '123', { em: 'a'.repeat(64) });
    },
    after: () => call('fbq', 'track', 'Purchase', { value: 99.5, currency: 'PLN' }, { eventID: 'e1' }),
    expected: [
      ['consent', 'revoke'],
      ['init', '123', { em: 'a'.repeat(64) }],
      ['track', 'Purchase', { value: 99.5, currency: 'PLN' }, { eventID: 'e1' }],
    ],
  },
  {
    vendor: 'tiktok',
    install: () => installTiktokStub(window, {}, () => 1700000000000),
    before: () => {
      g.ttq.identify({ email: 'b'.repeat(64) });
      g.ttq.track('Purchase', { contents: [{ content_id: 'sku-1', quantity: 2 }], value: 238, currency: 'PLN' }, { event_id: 'e1' });
    },
    after: () => g.ttq.page(),
    expected: [
      ['identify', { email: 'b'.repeat(64) }],
      ['track', 'Purchase', { contents: [{ content_id: 'sku-1', quantity: 2 }], value: 238, currency: 'PLN' }, { event_id: 'e1' }],
      ['page'],
    ],
  },
  {
    vendor: 'linkedin',
    install: () => installLinkedInStub(window, { id: '4242' }),
    before: () => {
      call('lintrk', 'track', { conversion_id: 1, event_id: 'e1' });
      call('lintrk', 'track', { conversion_id: 2, event_id: 'e2' });
    },
    after: () => call('lintrk', 'track', { conversion_id: 3, event_id: 'e3' }),
    expected: [
      ['track', { conversion_id: 1, event_id: 'e1' }],
      ['track', { conversion_id: 2, event_id: 'e2' }],
      ['track', { conversion_id: 3, event_id: 'e3' }],
    ],
  },
  {
    vendor: 'google',
    // The stub's own gtag('js', date) comes first, its Date recorded as an ISO string.
    install: () => installGoogleStub(window, {}, () => JS_TIME),
    before: () => {
      call('gtag', 'config', 'G-X', { send_page_view: false });
      // A data-layer event, not a gtag call: not recorded.
      g.dataLayer.push({ event: 'purchase', ecommerce: { value: 1 } });
      call('gtag', 'event', 'add_to_cart', { value: 119, currency: 'PLN', event_id: 'e1' });
    },
    after: () => {
      call('gtag', 'event', 'purchase', { transaction_id: 'T-1', value: 238, currency: 'PLN', event_id: 'e2' });
      g.dataLayer.push({ event: 'gtm.dom' });
    },
    expected: [
      ['js', '2024-05-06T07:08:09.000Z'],
      ['config', 'G-X', { send_page_view: false }],
      ['event', 'add_to_cart', { value: 119, currency: 'PLN', event_id: 'e1' }],
      ['event', 'purchase', { transaction_id: 'T-1', value: 238, currency: 'PLN', event_id: 'e2' }],
    ],
  },
  {
    vendor: 'pinterest',
    install: () => installPinterestStub(window),
    before: () => {
      call('pintrk', 'load', '2612345678901', { em: 'c'.repeat(64) });
      call('pintrk', 'page', { event_id: 'e1' });
    },
    after: () => call('pintrk', 'track', 'checkout', { value: 10, currency: 'EUR', event_id: 'e2' }),
    expected: [
      ['load', '2612345678901', { em: 'c'.repeat(64) }],
      ['page', { event_id: 'e1' }],
      ['track', 'checkout', { value: 10, currency: 'EUR', event_id: 'e2' }],
    ],
  },
  {
    vendor: 'snap',
    install: () => installSnapStub(window),
    before: () => {
      call('snaptr', 'init', 'a1b2', { user_hashed_email: 'd'.repeat(64) });
      call('snaptr', 'track', 'PAGE_VIEW', { client_dedup_id: 'e1' });
    },
    after: () => call('snaptr', 'track', 'PURCHASE', { price: 99.5, currency: 'PLN', client_dedup_id: 'e2' }),
    expected: [
      ['init', 'a1b2', { user_hashed_email: 'd'.repeat(64) }],
      ['track', 'PAGE_VIEW', { client_dedup_id: 'e1' }],
      ['track', 'PURCHASE', { price: 99.5, currency: 'PLN', client_dedup_id: 'e2' }],
    ],
  },
  {
    vendor: 'x',
    install: () => installXStub(window),
    before: () => {
      call('twq', 'config', 'o8z2x');
      call('twq', 'event', 'tw-o8z2x-o8z7w', { value: 10, currency: 'EUR', conversion_id: 'e1' });
    },
    after: () => call('twq', 'event', 'tw-o8z2x-o8z7v', { conversion_id: 'e2' }),
    expected: [
      ['config', 'o8z2x'],
      ['event', 'tw-o8z2x-o8z7w', { value: 10, currency: 'EUR', conversion_id: 'e1' }],
      ['event', 'tw-o8z2x-o8z7v', { conversion_id: 'e2' }],
    ],
  },
  {
    vendor: 'reddit',
    install: () => installRedditStub(window),
    before: () => {
      call('rdt', 'init', 'a2_abc', { optOut: false, useDecimalCurrencyValues: true });
      call('rdt', 'track', 'PageVisit', { conversionId: 'e1' });
    },
    after: () => call('rdt', 'track', 'Purchase', { value: 99.5, currency: 'PLN', conversionId: 'e2' }),
    expected: [
      ['init', 'a2_abc', { optOut: false, useDecimalCurrencyValues: true }],
      ['track', 'PageVisit', { conversionId: 'e1' }],
      ['track', 'Purchase', { value: 99.5, currency: 'PLN', conversionId: 'e2' }],
    ],
  },
];

const recorded = () => g.__vendorCalls as { vendor: string; args: unknown[] }[];
const asCalls = (vendor: string, expected: unknown[][]) => expected.map((args) => ({ vendor, args }));

describe('standInScript', () => {
  it('covers every vendor of VENDOR_SCRIPTS', () => {
    expect(CASES.map((c) => c.vendor).sort()).toEqual(Object.keys(VENDOR_SCRIPTS).sort());
  });

  it.each(CASES)('$vendor: drains the stub queue in order, then takes every later call', ({ vendor, install, before, after, expected }) => {
    install();
    before();
    expect(g.__vendorCalls).toBeUndefined();
    standIn(vendor);
    after();
    expect(recorded()).toEqual(asCalls(vendor, expected));
    expect(g.__vendorLoaded).toEqual([vendor]);
  });

  it.each(CASES)('$vendor: loaded twice, records each call once', ({ vendor, install, before, after, expected }) => {
    install();
    before();
    standIn(vendor);
    standIn(vendor);
    after();
    expect(recorded()).toEqual(asCalls(vendor, expected));
    expect(g.__vendorLoaded).toEqual([vendor, vendor]);
  });

  it.each(CASES)('$vendor: loads without its global and throws nothing', ({ vendor }) => {
    expect(() => standIn(vendor)).not.toThrow();
    expect(g.__vendorLoaded).toEqual([vendor]);
    expect(g.__vendorCalls).toBeUndefined();
  });

  it('meta: sets fbq.callMethod and empties fbq.queue, as fbevents.js does', () => {
    installMetaStub(window);
    call('fbq', 'init', '123');
    standIn('meta');
    expect(typeof g.fbq.callMethod).toBe('function');
    expect(g.fbq.queue).toEqual([]);
  });

  it('tiktok: records the pixels load() registered, then the queue, then instance queues', () => {
    installTiktokStub(window, {}, () => 1700000000000);
    g.ttq.load('C1');
    g.ttq.load('C2', { limited_data_use: true });
    g.ttq.track('ViewContent', {}, { event_id: 'e1' });
    g.ttq.instance('C2').track('Purchase', { value: 1 }, { event_id: 'e2' });
    standIn('tiktok');
    g.ttq.instance('C1').track('Lead', {}, { event_id: 'e3' });
    g.ttq.load('C3');
    expect(recorded()).toEqual([
      { vendor: 'tiktok', args: ['load', 'C1'] },
      { vendor: 'tiktok', args: ['load', 'C2', { limited_data_use: true }] },
      { vendor: 'tiktok', args: ['track', 'ViewContent', {}, { event_id: 'e1' }] },
      { vendor: 'tiktok', args: ['track', 'Purchase', { value: 1 }, { event_id: 'e2' }], instance: 'C2' },
      { vendor: 'tiktok', args: ['track', 'Lead', {}, { event_id: 'e3' }], instance: 'C1' },
      { vendor: 'tiktok', args: ['load', 'C3'] },
    ]);
    expect([...g.ttq]).toEqual([]);
  });

  it('linkedin and pinterest: the stub is replaced by the library', () => {
    installLinkedInStub(window);
    installPinterestStub(window);
    const stubs = [g.lintrk, g.pintrk];
    standIn('linkedin');
    standIn('pinterest');
    expect(g.lintrk).not.toBe(stubs[0]);
    expect(g.pintrk).not.toBe(stubs[1]);
    expect(g.pintrk.version).toBe('3.0');
  });

  it('google: recorded calls follow the data layer, whatever push was there before', () => {
    const seen: unknown[] = [];
    const layer: unknown[] = (g.dataLayer = []);
    const push = layer.push;
    layer.push = (...items: unknown[]) => (seen.push(...items), push.apply(layer, items));
    installGoogleStub(window, {}, () => JS_TIME);
    standIn('google');
    call('gtag', 'consent', 'update', { ad_storage: 'granted' });
    expect(seen).toHaveLength(2);
    expect(layer).toHaveLength(2);
    expect(recorded().map((c) => c.args[0])).toEqual(['js', 'consent']);
  });

  it('calls go to one list across vendors, in call order', () => {
    installMetaStub(window);
    installSnapStub(window);
    call('fbq', 'init', '1');
    call('snaptr', 'init', '2');
    standIn('snap');
    standIn('meta');
    call('snaptr', 'track', 'PAGE_VIEW');
    expect(recorded()).toEqual([
      { vendor: 'snap', args: ['init', '2'] },
      { vendor: 'meta', args: ['init', '1'] },
      { vendor: 'snap', args: ['track', 'PAGE_VIEW'] },
    ]);
    expect(g.__vendorLoaded).toEqual(['snap', 'meta']);
  });

  it('rejects an unknown vendor', () => {
    expect(() => standInScript('myspace')).toThrow(/myspace/);
  });
});

describe('VENDOR_SCRIPTS', () => {
  it.each([
    ['meta', META_SCRIPT({})],
    ['tiktok', TIKTOK_SCRIPT({ id: 'C123' })],
    ['linkedin', LINKEDIN_SCRIPT({})],
    ['google', GOOGLE_SCRIPT({ id: 'G-X' })],
    ['pinterest', PINTEREST_SCRIPT({})],
    ['snap', SNAP_SCRIPT({})],
    ['x', X_SCRIPT({})],
    ['reddit', REDDIT_SCRIPT({})],
  ])('%s: the glob matches the script URL (<origin>/** matches every path and query)', (vendor, url) => {
    const glob = VENDOR_SCRIPTS[vendor]!;
    expect(glob).toBe(`${new URL(url).origin}/**`);
  });
});

type Handler = (route: Route) => unknown;

/** A page (or context) that keeps its route handlers, and fake routes that keep what was done to them. */
function fakeTarget() {
  const routes: [string, Handler][] = [];
  const target = { route: async (glob: string, handler: Handler) => void routes.push([glob, handler]) };
  const serve = async (vendor: string) => {
    const done: unknown[] = [];
    const route = {
      abort: async (code?: string) => void done.push(['abort', code]),
      fulfill: async (response: unknown) => void done.push(['fulfill', response]),
    } as unknown as Route;
    const [, handler] = routes.find(([glob]) => glob === VENDOR_SCRIPTS[vendor])!;
    await handler(route);
    return done;
  };
  return { routes, target: target as unknown as Page & BrowserContext, serve };
}

describe('routeVendors', () => {
  it('routes every vendor glob: blocked ones abort as an ad blocker does, the others get their stand-in', async () => {
    const { routes, target, serve } = fakeTarget();
    await routeVendors(target, { block: ['meta', 'x'] });
    expect(routes.map(([glob]) => glob).sort()).toEqual(Object.values(VENDOR_SCRIPTS).sort());
    expect(await serve('meta')).toEqual([['abort', 'blockedbyclient']]);
    expect(await serve('x')).toEqual([['abort', 'blockedbyclient']]);
    expect(await serve('tiktok')).toEqual([['fulfill', { status: 200, contentType: 'application/javascript', body: standInScript('tiktok') }]]);
    expect(await serve('google')).toEqual([['fulfill', { status: 200, contentType: 'application/javascript', body: standInScript('google') }]]);
  });

  it('serves every vendor when nothing is blocked', async () => {
    const { target, serve } = fakeTarget();
    await routeVendors(target);
    for (const vendor of Object.keys(VENDOR_SCRIPTS)) expect((await serve(vendor))[0]).toEqual(['fulfill', expect.objectContaining({ body: standInScript(vendor) })]);
  });

  it('rejects a misspelt vendor to block', async () => {
    await expect(routeVendors(fakeTarget().target, { block: ['facebook'] })).rejects.toThrow(/facebook/);
  });
});

describe('vendorCalls', () => {
  // The page's evaluate, run here against this window.
  const page = { evaluate: async (fn: (arg: unknown) => unknown, arg: unknown) => fn(arg) } as unknown as Page;

  it('reads window.__vendorCalls, all of them or one vendor', async () => {
    installMetaStub(window);
    installXStub(window);
    standIn('meta');
    standIn('x');
    call('fbq', 'init', '1');
    call('twq', 'config', 'o8z2x');
    expect(await vendorCalls(page)).toEqual([
      { vendor: 'meta', args: ['init', '1'] },
      { vendor: 'x', args: ['config', 'o8z2x'] },
    ]);
    expect(await vendorCalls(page, 'x')).toEqual([{ vendor: 'x', args: ['config', 'o8z2x'] }]);
  });

  it('is empty before any stand-in loaded', async () => {
    expect(await vendorCalls(page)).toEqual([]);
  });
});
