import { describe, expect, it } from 'vitest';
import type { Decision } from '../../core/src/types';
import { removeVendorCookies, withdrawnCookies } from './removeVendorCookies';

/** A document whose cookie getter returns a fixed string and whose setter records writes. */
const fakeDocument = (cookies: string, hostname: string, protocol = 'https:') => {
  const writes: string[] = [];
  const doc = {
    location: { hostname, protocol },
    get cookie() {
      return cookies;
    },
    set cookie(value: string) {
      writes.push(value);
    },
  };
  return { doc: doc as unknown as Document, writes };
};

const deletions = (writes: string[]) =>
  writes.map((w) => {
    expect(w).toMatch(/^[^=]+=; path=\/; max-age=0;/);
    return `${w.split('=')[0]} ${/domain=([^;]+)/.exec(w)?.[1] || '(host)'}`;
  });

describe('removeVendorCookies', () => {
  it('deletes matching cookies on the host and every parent domain but the TLD', () => {
    const { doc, writes } = fakeDocument('tr_consent=x; _fbp=fb.1.2.3; _ga=GA1; _ga_ABC=GS1; _gid=1; other=1', 'shop.example.com');
    removeVendorCookies(['_fbp', '_ga_*'], doc);
    expect(deletions(writes)).toEqual([
      '_fbp (host)',
      '_fbp .shop.example.com',
      '_fbp .example.com',
      '_ga_ABC (host)',
      '_ga_ABC .shop.example.com',
      '_ga_ABC .example.com',
    ]);
  });

  it('on a bare host or an IP address, deletes host cookies only', () => {
    for (const host of ['localhost', '127.0.0.1', '::1']) {
      const { doc, writes } = fakeDocument('_fbp=1', host, 'http:');
      removeVendorCookies(['_fbp'], doc);
      expect(deletions(writes)).toEqual(['_fbp (host)']);
    }
  });

  it('leaves everything alone when nothing matches', () => {
    const { doc, writes } = fakeDocument('tr_consent=x; _gat=1; _fbpx=1', 'example.com');
    removeVendorCookies(['_fbp', '_ga_*'], doc);
    removeVendorCookies([], doc);
    expect(writes).toEqual([]);
  });
});

const decision = (c: Partial<Decision['c']>, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'k3J9x', ts: 1, rev: 1, c: { necessary: true, analytics: false, marketing: false, ...c }, ...(vd && { vd }),
});
const GA = ['_ga', '_ga_*', '_gid', '_gat*'];

describe('withdrawnCookies', () => {
  const all = decision({ analytics: true, marketing: true });
  it.each([
    ['marketing withdrawn', all, decision({ analytics: true }), ['meta', 'tiktok'], ['_fbp', '_fbc', '_ttp', '_tt_enable_cookie', 'ttcsid*']],
    ['one vendor turned off', all, decision({ analytics: true, marketing: true }, { tiktok: false }), ['meta', 'tiktok'], ['_ttp', '_tt_enable_cookie', 'ttcsid*']],
    ['analytics withdrawn', all, decision({ marketing: true }), ['meta'], GA],
    ['everything withdrawn, with Google', all, decision({}), ['google', 'meta'], ['_gcl_*', '_fbp', '_fbc', ...GA]],
    ['nothing withdrawn', decision({}), decision({ analytics: true }), ['meta'], []],
    ['a vendor that was already off', decision({ marketing: true }, { meta: false }), decision({}), ['meta', 'tiktok'], ['_ttp', '_tt_enable_cookie', 'ttcsid*']],
    ['a site vendor without known cookies', all, decision({ analytics: true }), ['acme'], []],
    ['no previous decision counts as allowed', undefined, decision({ analytics: true }), ['meta'], ['_fbp', '_fbc']],
    ['a vendor allowed alone (an embed) then switched off', decision({}, { google: true }), decision({}, { google: false }), ['google', 'meta'], ['_gcl_*']],
  ] as const)('%s', (_, previous, next, keys, expected) => {
    expect(withdrawnCookies(previous, next, [...keys])).toEqual(expected);
  });
});
