import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { GOOGLE_EVENTS, GOOGLE_SCRIPT, googleConsent, googleIdentify, googleInit, installGoogleStub, mapGoogle } from './google';
import type { MapOptions, PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const canonical = ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'generate_lead', 'sign_up'];

describe('mapGoogle', () => {
  it('maps every canonical event of PLATFORMS.md §6 to its GA4 name', () => {
    expect(Object.keys(GOOGLE_EVENTS).sort()).toEqual([...canonical].sort());
  });

  it.each(canonical)('%s goes as the GA4 event of the same name, with event_id', (name) => {
    expect(mapGoogle(ev(name), {})).toEqual([['event', name, { event_id: 'e-1' }]]);
  });

  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view carries the event id too (page views without eventID break dedup)', ev('page_view'), {}, [['event', 'page_view', { event_id: 'e-1' }]]],
    ['send_to is the tag id when configured', ev('page_view'), { id: 'G-ABC123' }, [['event', 'page_view', { event_id: 'e-1', send_to: 'G-ABC123' }]]],
    [
      'purchase: GA4 params, value a number, currency upper case, items',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [
        [
          'event',
          'purchase',
          {
            transaction_id: 'T-1',
            value: 292.9,
            currency: 'PLN',
            items: [
              { item_id: 'sku-1', item_name: 'Dripper', price: 119, quantity: 2, item_category: 'Brewing' },
              { item_id: 'sku-3', item_name: 'Coffee', price: 54.9, quantity: 1 },
            ],
            event_id: 'e-1',
          },
        ],
      ],
    ],
    [
      'purchase with a Google Ads conversion: the order id is its transaction_id (dedup)',
      ev('purchase', { value: '292.90', currency: 'PLN', transaction_id: 'T-1' }),
      { id: 'G-ABC123', conversions: { purchase: 'AW-123/abcDEF' } },
      [
        ['event', 'purchase', { transaction_id: 'T-1', value: 292.9, currency: 'PLN', event_id: 'e-1', send_to: 'G-ABC123' }],
        ['event', 'conversion', { send_to: 'AW-123/abcDEF', value: 292.9, currency: 'PLN', transaction_id: 'T-1' }],
      ],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN' }), {}, [['event', 'add_to_cart', { value: 119, currency: 'PLN', event_id: 'e-1' }]]],
    ['search sends search_term', ev('search', { search_term: 'mug' }), {}, [['event', 'search', { search_term: 'mug', event_id: 'e-1' }]]],
    ['no Ads conversion for events without one', ev('sign_up'), { conversions: { purchase: 'AW-123/abcDEF' } }, [['event', 'sign_up', { event_id: 'e-1' }]]],
    ['an Ads conversion that is not a string is skipped', ev('purchase'), { conversions: { purchase: 123 } }, [['event', 'purchase', { event_id: 'e-1' }]]],
    ['an unknown event goes as a GA4 custom event', ev('newsletter_open'), {}, [['event', 'newsletter_open', { event_id: 'e-1' }]]],
    ['an unknown event is skipped when the site says so', ev('newsletter_open'), { unknown: 'skip' }, []],
    [
      'a skipped unknown event still sends the Ads conversion the site configured for it',
      ev('quote_requested'),
      { unknown: 'skip', conversions: { quote_requested: 'AW-1/q' } },
      [['event', 'conversion', { send_to: 'AW-1/q', transaction_id: 'e-1' }]],
    ],
    ['a custom event name GA4 rejects is not sent', ev('view-item'), {}, []],
    ['a custom event name with a reserved prefix is not sent', ev('google_thing'), {}, []],
    ['a reserved GA4 event name is not sent', ev('session_start'), {}, []],
    ['a custom event name over 40 characters is not sent', ev('a'.repeat(41)), {}, []],
    [
      'the site renames an event, and the Ads conversion follows the new name',
      ev('quote_requested'),
      { events: { quote_requested: 'generate_lead' }, conversions: { generate_lead: 'AW-1/lead' } },
      [
        ['event', 'generate_lead', { event_id: 'e-1' }],
        ['event', 'conversion', { send_to: 'AW-1/lead', transaction_id: 'e-1' }],
      ],
    ],
    ['the site turns an event off, Ads conversion included', ev('purchase'), { events: { purchase: false }, conversions: { purchase: 'AW-1/buy' } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapGoogle(event, options)).toEqual(calls);
  });
});

type Win = { gtag?: (...args: unknown[]) => void; dataLayer?: unknown[] };
const date = new Date('2025-06-01T12:00:00Z');
const args = (layer: unknown[] | undefined) => (layer || []).map((entry) => (Object.prototype.toString.call(entry) == '[object Arguments]' ? ['args', ...(entry as IArguments)] : entry));

describe('installGoogleStub', () => {
  it("installs the official gtag stub: gtag('js', date), then each call pushes its Arguments object onto dataLayer in order", () => {
    const win: Win = {};
    installGoogleStub(win as unknown as Window, {}, () => date);
    win.gtag!('config', 'G-ABC123', { send_page_view: false });
    win.gtag!('event', 'purchase', { event_id: 'e-1' });
    expect(args(win.dataLayer)).toEqual([
      ['args', 'js', date],
      ['args', 'config', 'G-ABC123', { send_page_view: false }],
      ['args', 'event', 'purchase', { event_id: 'e-1' }],
    ]);
  });

  it('keeps an existing dataLayer and what it holds', () => {
    const layer: unknown[] = [{ event: 'gtm.js' }];
    const win: Win = { dataLayer: layer };
    installGoogleStub(win as unknown as Window, {}, () => date);
    expect(win.dataLayer).toBe(layer);
    expect(args(layer)).toEqual([{ event: 'gtm.js' }, ['args', 'js', date]]);
  });

  it('pushes onto the data layer named in the options, leaving dataLayer alone', () => {
    const win: Win & { tagLayer?: unknown[] } = {};
    installGoogleStub(win as unknown as Window, { dataLayer: 'tagLayer' }, () => date);
    win.gtag!('config', 'G-ABC123');
    expect(args(win.tagLayer)).toEqual([
      ['args', 'js', date],
      ['args', 'config', 'G-ABC123'],
    ]);
    expect(win.dataLayer).toBeUndefined();
  });

  it("leaves a site's own gtag untouched, sending no second js", () => {
    const own = () => {};
    const win: Win = { gtag: own, dataLayer: [] };
    installGoogleStub(win as unknown as Window, {}, () => date);
    expect(win.gtag).toBe(own);
    expect(win.dataLayer).toEqual([]);
  });
});

describe('GOOGLE_SCRIPT', () => {
  it('is gtag.js for the tag id', () => {
    expect(GOOGLE_SCRIPT({ id: 'G-ABC123' })).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123');
  });

  it('names another data layer with l, encoded; not the default one', () => {
    expect(GOOGLE_SCRIPT({ id: 'G-ABC123', dataLayer: 'tagLayer' })).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123&l=tagLayer');
    expect(GOOGLE_SCRIPT({ id: 'G-ABC123', dataLayer: 'my layer&x' })).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123&l=my%20layer%26x');
    expect(GOOGLE_SCRIPT({ id: 'G-ABC123', dataLayer: 'dataLayer' })).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123');
    expect(GOOGLE_SCRIPT({ id: 'G-ABC123', dataLayer: '' })).toBe('https://www.googletagmanager.com/gtag/js?id=G-ABC123');
  });
});

const user: Required<HashedUser> = {
  em: '0'.repeat(64), ph: '1'.repeat(64), ph_e164: '2'.repeat(64), fn: '3'.repeat(64), ln: '4'.repeat(64), ge: '5'.repeat(64),
  db: '6'.repeat(64), ct: '7'.repeat(64), st: '8'.repeat(64), zp: '9'.repeat(64), country: 'a'.repeat(64), external_id: 'b'.repeat(64),
};
const config = ['config', 'G-ABC123', { send_page_view: false }];

describe('googleInit', () => {
  it('without user data: config without the automatic page view', () => {
    expect(googleInit({ id: 'G-ABC123' })).toEqual([config]);
  });

  it('with user data: user_data with the E.164 phone with + (Meta drops +, Google keeps it), and no city, region, postal code or country', () => {
    expect(googleInit({ id: 'G-ABC123' }, user)).toEqual([
      config,
      ['set', 'user_data', { sha256_email_address: user.em, sha256_phone_number: user.ph_e164, address: { sha256_first_name: user.fn, sha256_last_name: user.ln } }],
    ]);
  });

  it('leaves out a value that is not a SHA-256 hash and keeps the others (one bad value never drops the others)', () => {
    expect(googleInit({ id: 'G-ABC123' }, { em: user.em, ph_e164: '+48500100200', fn: 'Jan', ln: user.ln })).toEqual([
      config,
      ['set', 'user_data', { sha256_email_address: user.em, address: { sha256_last_name: user.ln } }],
    ]);
  });

  it('sends no user_data when nothing hashed is left, nor an empty address', () => {
    expect(googleInit({ id: 'G-ABC123' }, { em: 'jan@example.com', ct: user.ct })).toEqual([config]);
    expect(googleInit({ id: 'G-ABC123' }, { em: user.em })).toEqual([config, ['set', 'user_data', { sha256_email_address: user.em }]]);
  });

  it('without a tag id starts nothing', () => {
    expect(googleInit({}, user)).toEqual([]);
  });
});

describe('googleConsent', () => {
  it('makes no calls: Consent Mode is the consent manager\'s', () => {
    expect(googleConsent(true, { id: 'G-ABC123' })).toEqual([]);
    expect(googleConsent(false, { id: 'G-ABC123' })).toEqual([]);
  });
});

describe('googleIdentify', () => {
  it("sets user_data with googleInit's fields, the E.164 phone with +, the hashes passed on as they are", () => {
    expect(googleIdentify({ id: 'G-ABC123' }, user)).toEqual([
      ['set', 'user_data', { sha256_email_address: user.em, sha256_phone_number: user.ph_e164, address: { sha256_first_name: user.fn, sha256_last_name: user.ln } }],
    ]);
    expect(googleInit({ id: 'G-ABC123' }, user).slice(1)).toEqual(googleIdentify({ id: 'G-ABC123' }, user));
  });

  it('never takes the phone without + (ph)', () => {
    expect(googleIdentify({ id: 'G-ABC123' }, { ph: user.ph })).toEqual([]);
  });

  it('drops a value that is not a 64-hex hash and keeps the others', () => {
    expect(googleIdentify({ id: 'G-ABC123' }, { em: 'jan@example.com', ph_e164: user.ph_e164, ln: 'Kowalski' })).toEqual([
      ['set', 'user_data', { sha256_phone_number: user.ph_e164 }],
    ]);
  });

  it('makes no call with no usable value or no tag id', () => {
    expect(googleIdentify({ id: 'G-ABC123' }, { em: 'raw', ct: user.ct, zp: user.zp })).toEqual([]);
    expect(googleIdentify({}, user)).toEqual([]);
  });
});
