import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { google } from './google';
import { linkedin } from './linkedin';
import { meta } from './meta';
import { pinterest } from './pinterest';
import { reddit } from './reddit';
import { snap } from './snap';
import { ev, ITEMS } from './testEvents';
import { tiktok } from './tiktok';
import type { MapOptions, Platform, VendorCall } from './types';
import { x } from './x';

// Every platform shim against what the pixel router relies on: the vendor's host (PLATFORMS.md),
// its dedup field, and the options under which page_view and purchase are sent at all.
const table: [key: string, platform: Platform, host: string, dedup: string, options: MapOptions, chunk: () => Promise<Platform>][] = [
  ['meta', meta, 'connect.facebook.net', 'eventID', {}, () => import('./meta').then((m) => m.meta)],
  ['tiktok', tiktok, 'analytics.tiktok.com', 'event_id', {}, () => import('./tiktok').then((m) => m.tiktok)],
  ['linkedin', linkedin, 'snap.licdn.com', 'event_id', { conversions: { page_view: 101, purchase: 102 } }, () => import('./linkedin').then((m) => m.linkedin)],
  // PLATFORMS.md §4 names no script host for gtag.js: Google's documented one.
  ['google', google, 'www.googletagmanager.com', 'event_id', {}, () => import('./google').then((m) => m.google)],
  ['pinterest', pinterest, 's.pinimg.com', 'event_id', {}, () => import('./pinterest').then((m) => m.pinterest)],
  ['snap', snap, 'sc-static.net', 'client_dedup_id', {}, () => import('./snap').then((m) => m.snap)],
  ['x', x, 'static.ads-twitter.com', 'conversion_id', { conversions: { page_view: 'tw-o8z2x-pv', purchase: 'tw-o8z2x-buy' } }, () => import('./x').then((m) => m.x)],
  ['reddit', reddit, 'www.redditstatic.com', 'conversionId', {}, () => import('./reddit').then((m) => m.reddit)],
];

type Win = { [global: string]: unknown };

// The structure reachable from a value (own enumerable properties, Arguments and functions included),
// so a stub that replaces its queue or queues again shows; the depth cuts self-references (fbq.push).
const shape = (value: unknown, depth = 0): unknown =>
  depth > 3 || value === null || (typeof value != 'object' && typeof value != 'function')
    ? value
    : Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shape(v, depth + 1)]));

// One call through the global as the router makes it: a method of the object, or the function's arguments.
const send = (platform: Platform, win: Win, [method, ...args]: VendorCall) => {
  const global = win[platform.global] as ((...a: unknown[]) => void) & { [method: string]: (...a: unknown[]) => void };
  if (platform.methods) global[method as string]!(...args);
  else global(method, ...args);
};

const hashed: HashedUser = { em: 'a'.repeat(64), ph: 'b'.repeat(64), ph_e164: 'c'.repeat(64), fn: 'd'.repeat(64), ln: 'e'.repeat(64), external_id: 'f'.repeat(64) };

describe.each(table)('%s', (_key, platform, host, dedup, options, chunk) => {
  it("is its chunk's export named after its key, as the router imports it", async () => {
    expect(await chunk()).toBe(platform);
  });

  it('its stub installs the global it names, which takes every call the shim makes', () => {
    const win: Win = {};
    platform.stub(win as unknown as Window, { id: 'X' });
    const global = win[platform.global];
    expect(global).toBeDefined();
    expect(typeof global).toBe(platform.methods ? 'object' : 'function');
    const calls = [
      ...platform.consent(true, {}),
      ...platform.init({ ...options, id: 'X' }, hashed),
      ...platform.identify({ id: 'X' }, hashed),
      ...platform.map(ev('page_view'), options),
    ];
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(() => send(platform, win, call)).not.toThrow();
  });

  it('a second stub keeps the first global and all it queued', () => {
    const win: Win = {};
    platform.stub(win as unknown as Window, { id: 'X' });
    const first = win[platform.global];
    send(platform, win, ['track', 'queued before the script']);
    const before = shape(win);
    platform.stub(win as unknown as Window, { id: 'X' });
    expect(win[platform.global]).toBe(first);
    expect(shape(win)).toEqual(before);
  });

  it("leaves a global the site owns as it is", () => {
    const own = Object.assign(() => {}, { site: true });
    const win: Win = { [platform.global]: own };
    platform.stub(win as unknown as Window, { id: 'X' });
    expect(win[platform.global]).toBe(own);
    expect(shape(own)).toEqual({ site: true });
  });

  it(`its script is an https URL on ${host}`, () => {
    const url = new URL(platform.script({ id: 'X' }));
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe(host);
  });

  it('consent gives a list of calls, granted or not', () => {
    for (const granted of [true, false]) {
      const calls = platform.consent(granted, {});
      expect(Array.isArray(calls)).toBe(true);
      for (const call of calls) expect(Array.isArray(call)).toBe(true);
    }
  });

  it.each([
    ['page_view', ev('page_view')],
    ['purchase', ev('purchase', { value: 292.9, currency: 'PLN', transaction_id: 'T-1', items: ITEMS })],
  ])(`every %s call carries the event id as ${dedup}`, (_, event) => {
    const calls = platform.map(event, options);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const carrier = call.find((arg) => typeof arg == 'object' && arg !== null && dedup in arg) as { [field: string]: unknown } | undefined;
      expect(carrier?.[dedup]).toBe(event.id);
    }
  });

  it('identify makes no call without an id or without a hashed value', () => {
    expect(platform.identify({}, hashed)).toEqual([]);
    expect(platform.identify({ id: 'X' }, {})).toEqual([]);
    expect(platform.identify({ id: 'X' }, { em: 'jan@example.com', ph: '+48500100200', ph_e164: '+48500100200' })).toEqual([]);
  });
});

describe('the platform table', () => {
  it('covers every shim, each under its own global', () => {
    expect(table.map(([key]) => key)).toEqual(['meta', 'tiktok', 'linkedin', 'google', 'pinterest', 'snap', 'x', 'reddit']);
    expect(new Set(table.map(([, p]) => p.global)).size).toBe(table.length);
  });
});
