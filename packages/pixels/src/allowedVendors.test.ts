import { describe, expect, it } from 'vitest';
import type { PixelConfig } from '../../core/src/consentConfig';
import type { Decision } from '../../core/src/types';
import { vendorAllowed } from '../../core/src/vendorAllowed';
import { allowedVendors, modeOf } from './allowedVendors';

const decision = (c: Partial<Decision['c']>, vd?: Decision['vd']): Decision => ({ v: 1, id: 'c1', ts: 1, rev: 1, c: { necessary: true, analytics: false, marketing: false, ...c }, ...(vd && { vd }) });
const pixels: { [vendor: string]: PixelConfig } = { meta: { id: '1' }, tiktok: { id: '2', mode: 'server' }, google: { id: '3', mode: 'client' }, snap: { id: '4', mode: 'both' } };

describe('allowedVendors', () => {
  it.each([
    ['no decision: nothing anywhere', undefined, { client: [], server: [] }],
    ['analytics only: nothing', decision({ analytics: true }), { client: [], server: [] }],
    ['marketing: by mode (both by default with an endpoint)', decision({ marketing: true }), { client: ['meta', 'google', 'snap'], server: ['meta', 'tiktok', 'snap'] }],
    ['a vendor switched off is nowhere', decision({ marketing: true }, { meta: false, tiktok: false }), { client: ['google', 'snap'], server: ['snap'] }],
    // An embed's placeholder allows the vendor's content, not its marketing pixel.
    ['a vendor allowed alone (an embed) without marketing', decision({}, { google: true }), { client: [], server: [] }],
  ] as const)('%s', (_, d, expected) => {
    expect(allowedVendors(pixels, '/t', d)).toEqual(expected);
  });

  it('without an endpoint there is no server path: pixels run in the browser only (mode server sends nothing)', () => {
    expect(allowedVendors(pixels, undefined, decision({ marketing: true }))).toEqual({ client: ['meta', 'google', 'snap'], server: [] });
  });

  it('modeOf: configured, else both with an endpoint, else client; nonsense falls back', () => {
    expect(modeOf({ mode: 'server' }, undefined)).toBe('server');
    expect(modeOf({}, '/t')).toBe('both');
    expect(modeOf({}, undefined)).toBe('client');
    expect(modeOf({ mode: 'everywhere' } as never, '/t')).toBe('both');
  });

  it('vendorAllowed follows the activation rule', () => {
    expect(vendorAllowed(decision({ marketing: true }), 'meta')).toBe(true);
    expect(vendorAllowed(decision({ marketing: true }, { meta: false }), 'meta')).toBe(false);
    expect(vendorAllowed(decision({}, { meta: true }), 'meta')).toBe(true);
    expect(vendorAllowed(undefined, 'meta')).toBe(false);
  });
});
