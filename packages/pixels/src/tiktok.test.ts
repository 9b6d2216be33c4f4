import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { installTiktokStub, mapTiktok, TIKTOK_SCRIPT, tiktokConsent, tiktokIdentify, tiktokInit, type TiktokOptions } from './tiktok';
import type { PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const dedup = { event_id: 'e-1' };
const dripper = { content_id: 'sku-1', content_type: 'product', content_name: 'Dripper', price: 119, quantity: 2 };
const coffee = { content_id: 'sku-3', content_type: 'product', content_name: 'Coffee', price: 54.9, quantity: 1 };
// The methods the ttq stub defines (PLATFORMS.md §2).
const TTQ_METHODS = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];

describe('mapTiktok', () => {
  it.each<[string, PixelEvent, TiktokOptions, unknown[][]]>([
    ['page_view is track(Pageview) with the event id by default (page views without eventID break dedup)', ev('page_view'), {}, [['track', 'Pageview', {}, dedup]]],
    ['page_view as the documented ttq.page(), which takes no event id', ev('page_view'), { pageView: 'page' }, [['page']]],
    ['page_view is turned off', ev('page_view'), { events: { page_view: false } }, []],
    [
      'purchase with items: contents, content_type a string, currency upper case, value, order id',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [['track', 'Purchase', { contents: [dripper, coffee], content_type: 'product', currency: 'PLN', value: 292.9, order_id: 'T-1' }, dedup]],
    ],
    ['TikTok purchase name drift: CompletePayment', ev('purchase', { value: 10, currency: 'EUR' }), { events: { purchase: 'CompletePayment' } }, [['track', 'CompletePayment', { currency: 'EUR', value: 10 }, dedup]]],
    ['TikTok purchase name drift: PlaceAnOrder', ev('purchase', { value: 10, currency: 'EUR' }), { events: { purchase: 'PlaceAnOrder' } }, [['track', 'PlaceAnOrder', { currency: 'EUR', value: 10 }, dedup]]],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN' }), {}, [['track', 'AddToCart', { currency: 'PLN', value: 119 }, dedup]]],
    ['view_item is ViewContent', ev('view_item', { items: [items[0]!] }), {}, [['track', 'ViewContent', { contents: [dripper], content_type: 'product' }, dedup]]],
    ['view_item_list is ViewContent', ev('view_item_list', { items }), {}, [['track', 'ViewContent', { contents: [dripper, coffee], content_type: 'product' }, dedup]]],
    ['search carries the query', ev('search', { search_term: 'mug' }), {}, [['track', 'Search', { query: 'mug' }, dedup]]],
    ['add_to_wishlist', ev('add_to_wishlist', { items: [items[1]!] }), {}, [['track', 'AddToWishlist', { contents: [coffee], content_type: 'product' }, dedup]]],
    ['begin_checkout is InitiateCheckout', ev('begin_checkout', { value: 292.9, currency: 'PLN' }), {}, [['track', 'InitiateCheckout', { currency: 'PLN', value: 292.9 }, dedup]]],
    ['add_payment_info', ev('add_payment_info'), {}, [['track', 'AddPaymentInfo', {}, dedup]]],
    ['generate_lead is Lead', ev('generate_lead'), {}, [['track', 'Lead', {}, dedup]]],
    ['sign_up is CompleteRegistration', ev('sign_up'), {}, [['track', 'CompleteRegistration', {}, dedup]]],
    ['an unknown event goes as a custom event under its own name', ev('newsletter_open'), {}, [['track', 'newsletter_open', {}, dedup]]],
    ['an unknown event is skipped when the site says so', ev('newsletter_open'), { unknown: 'skip' }, []],
    ['the site renames an event', ev('generate_lead'), { events: { generate_lead: 'SubmitForm' } }, [['track', 'SubmitForm', {}, dedup]]],
    ['the site maps its own event to a standard one', ev('quote_requested'), { events: { quote_requested: 'Contact' } }, [['track', 'Contact', {}, dedup]]],
    ['the site turns an event off', ev('add_to_cart'), { events: { add_to_cart: false } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapTiktok(event, options)).toEqual(calls);
  });

  it('never passes a canonical name through unmapped ("page_view" instead of Pageview)', () => {
    for (const name of ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'generate_lead', 'sign_up']) {
      const [call] = mapTiktok(ev(name), {});
      expect(call![1]).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });

  it('writes calls as ttq queue entries [method, ...args], not fbq-style arguments (a TikTok stub shaped like fbq is never drained)', () => {
    for (const options of [{}, { pageView: 'page' }] as TiktokOptions[]) {
      for (const call of [...mapTiktok(ev('page_view'), options), ...mapTiktok(ev('purchase', { items }), options)]) {
        expect(TTQ_METHODS).toContain(call[0]);
      }
    }
  });

  it('never sends content_type as an array nor value as a string (bugs others shipped)', () => {
    const [[, , props]] = mapTiktok(ev('purchase', { value: '99.50', currency: 'PLN', items }), {}) as [[string, string, Record<string, unknown>]];
    expect(typeof props.content_type).toBe('string');
    expect(props.value).toBe(99.5);
  });
});

type Ttq = unknown[] & {
  [method: string]: unknown;
  methods: string[];
  instance: (id: string) => unknown[] & { [method: string]: (...args: unknown[]) => void };
  load: (id: string, options?: object) => void;
  _i: { [id: string]: unknown[] & { _u?: string } };
  _t: { [id: string]: number };
  _o: { [id: string]: object };
};
const stubbed = () => {
  const win = {} as { ttq?: Ttq; TiktokAnalyticsObject?: string };
  installTiktokStub(win as unknown as Window, {}, () => 1700000000000);
  return win;
};
const call = (ttq: Ttq, method: string, ...args: unknown[]) => (ttq[method] as (...a: unknown[]) => void)(...args);

describe('installTiktokStub', () => {
  it('installs the official ttq stub: an array with every method, instance, load', () => {
    const win = stubbed();
    expect(win.TiktokAnalyticsObject).toBe('ttq');
    expect(Array.isArray(win.ttq)).toBe(true);
    expect(win.ttq!.methods).toEqual(TTQ_METHODS);
    for (const method of [...TTQ_METHODS, 'instance', 'load']) expect(typeof win.ttq![method]).toBe('function');
  });

  it('methods push [name, ...args] onto the array itself, in order (a TikTok stub shaped like fbq is never drained)', () => {
    const ttq = stubbed().ttq!;
    call(ttq, 'identify', { email: 'h' });
    call(ttq, 'track', 'Purchase', { value: 1 }, { event_id: 'e-1' });
    call(ttq, 'grantConsent');
    expect([...ttq]).toEqual([['identify', { email: 'h' }], ['track', 'Purchase', { value: 1 }, { event_id: 'e-1' }], ['grantConsent']]);
    expect(ttq).not.toHaveProperty('queue');
  });

  it('load records the pixel in _i, _t, _o as the snippet does, and inserts no script', () => {
    const ttq = stubbed().ttq!;
    ttq.load('C123', { limited_data_use: true });
    expect([...ttq._i.C123!]).toEqual([]);
    expect(ttq._i.C123!._u).toBe('https://analytics.tiktok.com/i18n/pixel/events.js');
    expect(ttq._t).toEqual({ C123: 1700000000000 });
    expect(ttq._o).toEqual({ C123: { limited_data_use: true } });
    ttq.load('C456');
    expect(ttq._o.C456).toEqual({});
  });

  it("instance(id) queues onto that pixel's own array", () => {
    const ttq = stubbed().ttq!;
    ttq.load('C123');
    ttq.instance('C123').track('ViewContent', {});
    expect([...ttq._i.C123!]).toEqual([['track', 'ViewContent', {}]]);
    expect([...ttq]).toEqual([]);
  });

  it("leaves a site's own ttq untouched", () => {
    const own = Object.assign([['page']], { page: () => {} });
    const win = { ttq: own };
    installTiktokStub(win as unknown as Window);
    expect(win.ttq).toBe(own);
    expect(own).not.toHaveProperty('load');
    expect(win).not.toHaveProperty('TiktokAnalyticsObject');
  });
});

describe('TIKTOK_SCRIPT', () => {
  it('is events.js with the pixel id as sdkid and lib=ttq', () => {
    expect(TIKTOK_SCRIPT({ id: 'C123ABC' })).toBe('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C123ABC&lib=ttq');
  });
});

const user: HashedUser = { em: '0'.repeat(64), ph: '1'.repeat(64), ph_e164: '2'.repeat(64), fn: '3'.repeat(64), external_id: 'b'.repeat(64) };

describe('tiktokInit', () => {
  it('without user data: load only', () => {
    expect(tiktokInit({ id: 'C123' })).toEqual([['load', 'C123']]);
    expect(tiktokInit({ id: 'C123', limitedDataUse: true })).toEqual([['load', 'C123', { limited_data_use: true }]]);
  });

  it('with user data: load, then identify with the E.164 phone with + (Meta drops +, TikTok keeps it)', () => {
    expect(tiktokInit({ id: 'C123' }, user)).toEqual([
      ['load', 'C123'],
      ['identify', { email: user.em, phone_number: user.ph_e164, external_id: user.external_id }],
    ]);
  });

  it('leaves out a value that is not a SHA-256 hash and keeps the others (one bad value never drops the others)', () => {
    expect(tiktokInit({ id: 'C123' }, { ...user, em: 'jan@example.com' })).toEqual([
      ['load', 'C123'],
      ['identify', { phone_number: user.ph_e164, external_id: user.external_id }],
    ]);
    expect(tiktokInit({ id: 'C123' }, { em: 'raw', ph: user.ph })).toEqual([['load', 'C123']]);
  });

  it('without a pixel id starts nothing', () => {
    expect(tiktokInit({}, user)).toEqual([]);
  });

  it('its calls are ttq stub methods', () => {
    for (const [method] of tiktokInit({ id: 'C123' }, user)) expect([...TTQ_METHODS, 'load']).toContain(method);
  });
});

describe('tiktokConsent', () => {
  it.each([
    [true, [['grantConsent']]],
    [false, [['revokeConsent']]],
  ])('granted %s → %j, a method of the stub', (granted, calls) => {
    expect(tiktokConsent(granted, {})).toEqual(calls);
    expect(TTQ_METHODS).toContain(calls[0]![0]);
  });
});

describe('tiktokIdentify', () => {
  it('identify with email, the E.164 phone with + and external id, the hashes passed on as they are', () => {
    expect(tiktokIdentify({ id: 'C123' }, user)).toEqual([['identify', { email: user.em, phone_number: user.ph_e164, external_id: user.external_id }]]);
  });

  it('never takes the phone without + (ph)', () => {
    expect(tiktokIdentify({ id: 'C123' }, { ph: user.ph })).toEqual([]);
  });

  it('drops a value that is not a 64-hex hash and keeps the others', () => {
    expect(tiktokIdentify({ id: 'C123' }, { em: 'jan@example.com', ph_e164: '+48500100200', external_id: user.external_id })).toEqual([
      ['identify', { external_id: user.external_id }],
    ]);
  });

  it('makes no call with no usable value or no pixel id', () => {
    expect(tiktokIdentify({ id: 'C123' }, { em: 'raw', fn: user.fn })).toEqual([]);
    expect(tiktokIdentify({}, user)).toEqual([]);
  });

  it('its calls are ttq stub methods', () => {
    for (const [method] of tiktokIdentify({ id: 'C123' }, user)) expect(TTQ_METHODS).toContain(method);
  });
});
