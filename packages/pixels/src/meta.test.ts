import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { installMetaStub, mapMeta, META_SCRIPT, metaConsent, metaIdentify, metaInit, type MetaOptions } from './meta';
import type { MapOptions, PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const dedup = { eventID: 'e-1' };

describe('mapMeta', () => {
  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view carries the event id too (dedup of page views)', ev('page_view'), {}, [['track', 'PageView', {}, dedup]]],
    [
      'purchase: value a number, currency, ids, contents, content_type a string, num_items, order id',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [
        [
          'track',
          'Purchase',
          {
            value: 292.9,
            currency: 'PLN',
            content_ids: ['sku-1', 'sku-3'],
            contents: [
              { id: 'sku-1', quantity: 2, item_price: 119 },
              { id: 'sku-3', quantity: 1, item_price: 54.9 },
            ],
            content_type: 'product',
            num_items: 3,
            order_id: 'T-1',
          },
          dedup,
        ],
      ],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN' }), {}, [['track', 'AddToCart', { value: 119, currency: 'PLN' }, dedup]]],
    [
      'view_item_list is a product group',
      ev('view_item_list', { items: [items[0]!] }),
      {},
      [['track', 'ViewContent', { content_ids: ['sku-1'], contents: [{ id: 'sku-1', quantity: 2, item_price: 119 }], content_type: 'product_group', content_name: 'Dripper' }, dedup]],
    ],
    ['search', ev('search', { search_term: 'mug' }), {}, [['track', 'Search', { search_string: 'mug' }, dedup]]],
    ['sign_up is CompleteRegistration', ev('sign_up'), {}, [['track', 'CompleteRegistration', {}, dedup]]],
    ['generate_lead is Lead', ev('generate_lead', { value: 10, currency: 'EUR' }), {}, [['track', 'Lead', { value: 10, currency: 'EUR' }, dedup]]],
    ['an unknown event goes as a custom event, never unmapped as a standard one', ev('newsletter_open'), {}, [['trackCustom', 'newsletter_open', {}, dedup]]],
    ['an unknown event is skipped when the site says so', ev('newsletter_open'), { unknown: 'skip' }, []],
    ['the site renames an event', ev('generate_lead'), { events: { generate_lead: 'Contact' } }, [['track', 'Contact', {}, dedup]]],
    ['the site maps its own event to a standard one', ev('quote_requested'), { events: { quote_requested: 'Lead' } }, [['track', 'Lead', {}, dedup]]],
    ['the site turns an event off', ev('add_to_cart'), { events: { add_to_cart: false } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapMeta(event, options)).toEqual(calls);
  });

  it('never sends content_type as an array nor value as a string (bugs others shipped)', () => {
    const [[, , params]] = mapMeta(ev('purchase', { value: '99.50', currency: 'PLN', items }), {}) as [[string, string, Record<string, unknown>]];
    expect(typeof params.content_type).toBe('string');
    expect(params.value).toBe(99.5);
  });
});

// Each field its own hash, so a swapped field shows.
const user: Required<HashedUser> = {
  em: '0'.repeat(64), ph: '1'.repeat(64), ph_e164: '2'.repeat(64), fn: '3'.repeat(64), ln: '4'.repeat(64), ge: '5'.repeat(64),
  db: '6'.repeat(64), ct: '7'.repeat(64), st: '8'.repeat(64), zp: '9'.repeat(64), country: 'a'.repeat(64), external_id: 'b'.repeat(64),
};
type Fbq = ((...args: unknown[]) => void) & { queue: IArguments[]; callMethod?: (...args: unknown[]) => void; push: unknown; loaded: boolean; version: string };

describe('mapMeta with the pixel id', () => {
  it("sends to that pixel only (trackSingle), so pixels the site's own code initialised do not count it again", () => {
    const o = { id: '1234567890' };
    expect(mapMeta({ id: 'e1', name: 'page_view', params: {} }, o)).toEqual([['trackSingle', '1234567890', 'PageView', {}, { eventID: 'e1' }]]);
    expect(mapMeta({ id: 'e2', name: 'sign_up', params: {} }, o)).toEqual([['trackSingle', '1234567890', 'CompleteRegistration', {}, { eventID: 'e2' }]]);
    expect(mapMeta({ id: 'e3', name: 'newsletter_open', params: {} }, o)).toEqual([['trackSingleCustom', '1234567890', 'newsletter_open', {}, { eventID: 'e3' }]]);
  });
});

describe('installMetaStub', () => {
  it('installs the official fbq stub: queue, push, loaded, version 2.0, _fbq alias', () => {
    const win = {} as { fbq?: Fbq; _fbq?: Fbq };
    installMetaStub(win as unknown as Window);
    const fbq = win.fbq!;
    expect(typeof fbq).toBe('function');
    expect(fbq.queue).toEqual([]);
    expect(fbq.push).toBe(fbq);
    expect(fbq.loaded).toBe(true);
    expect(fbq.version).toBe('2.0');
    expect(win._fbq).toBe(fbq);
    // No automatic PageView on an SPA's pushState (it would carry no event id).
    expect((fbq as unknown as { disablePushState: boolean }).disablePushState).toBe(true);
  });

  it('queues calls made before the script in order, as Arguments objects fbevents.js replays', () => {
    const win = {} as { fbq?: Fbq };
    installMetaStub(win as unknown as Window);
    win.fbq!('init', '123');
    win.fbq!('track', 'Purchase', { value: 1 }, { eventID: 'e-1' });
    const queue = win.fbq!.queue;
    expect(queue.map((args) => Object.prototype.toString.call(args))).toEqual(['[object Arguments]', '[object Arguments]']);
    expect(queue.map((args) => [...args])).toEqual([
      ['init', '123'],
      ['track', 'Purchase', { value: 1 }, { eventID: 'e-1' }],
    ]);
  });

  it('hands calls to callMethod once the script defines it', () => {
    const win = {} as { fbq?: Fbq };
    installMetaStub(win as unknown as Window);
    const seen: unknown[][] = [];
    win.fbq!.callMethod = (...args) => seen.push(args);
    win.fbq!('track', 'PageView');
    expect(seen).toEqual([['track', 'PageView']]);
    expect(win.fbq!.queue).toEqual([]);
  });

  it("leaves a site's own fbq and _fbq untouched", () => {
    const own = () => {};
    const alias = () => {};
    const win = { fbq: own, _fbq: alias };
    installMetaStub(win as unknown as Window);
    expect(win.fbq).toBe(own);
    expect(win._fbq).toBe(alias);
    expect(own).not.toHaveProperty('queue');
  });
});

describe('META_SCRIPT', () => {
  it('is fbevents.js', () => {
    expect(META_SCRIPT({ id: '123' })).toBe('https://connect.facebook.net/en_US/fbevents.js');
  });
});

describe('metaInit', () => {
  it('without user data: autoConfig off, then init', () => {
    expect(metaInit({ id: '123' })).toEqual([
      ['set', 'autoConfig', false, '123'],
      ['init', '123'],
    ]);
  });

  it("with user data: every advanced matching field, the phone without + (Meta drops +, Google keeps it)", () => {
    const { ph_e164: _, ...meta } = user;
    expect(metaInit({ id: '123' }, user)).toEqual([
      ['set', 'autoConfig', false, '123'],
      ['init', '123', meta],
    ]);
    expect(metaInit({ id: '123' }, user)[1]![2]).toHaveProperty('ph', user.ph);
  });

  it('leaves out a value that is not a SHA-256 hash and keeps the others (one bad value never drops the others)', () => {
    expect(metaInit({ id: '123' }, { em: 'jan@example.com', ph: user.ph, fn: 'A'.repeat(64) })).toEqual([
      ['set', 'autoConfig', false, '123'],
      ['init', '123', { ph: user.ph }],
    ]);
  });

  it('with no valid user value, init has no matching object', () => {
    expect(metaInit({ id: '123' }, { em: 'raw' })).toEqual([
      ['set', 'autoConfig', false, '123'],
      ['init', '123'],
    ]);
  });

  it.each<[string, MetaOptions['ldu'], unknown[]]>([
    ['geolocated by Meta', true, ['dataProcessingOptions', ['LDU'], 0, 0]],
    ['for a given country and state', [1, 1000], ['dataProcessingOptions', ['LDU'], 1, 1000]],
  ])('Limited Data Use %s goes before init', (_, ldu, call) => {
    expect(metaInit({ id: '123', ldu })).toEqual([['set', 'autoConfig', false, '123'], call, ['init', '123']]);
  });

  it('without a pixel id starts nothing', () => {
    expect(metaInit({}, user)).toEqual([]);
  });
});

describe('metaConsent', () => {
  it.each([
    [true, [['consent', 'grant']]],
    [false, [['consent', 'revoke']]],
  ])('granted %s → %j', (granted, calls) => {
    expect(metaConsent(granted, {})).toEqual(calls);
  });
});

describe('metaIdentify', () => {
  it('issues init again with every advanced matching field, the hashes passed on as they are', () => {
    const { ph_e164: _, ...meta } = user;
    expect(metaIdentify({ id: '123' }, user)).toEqual([['init', '123', meta]]);
  });

  it('takes the phone without + (ph), never the E.164 one', () => {
    expect(metaIdentify({ id: '123' }, { ph_e164: user.ph_e164 })).toEqual([]);
    expect(metaIdentify({ id: '123' }, { ph: user.ph, ph_e164: user.ph_e164 })).toEqual([['init', '123', { ph: user.ph }]]);
  });

  it('drops a value that is not a 64-hex hash and keeps the others', () => {
    expect(metaIdentify({ id: '123' }, { em: 'jan@example.com', fn: 'F'.repeat(64), ln: user.ln })).toEqual([['init', '123', { ln: user.ln }]]);
  });

  it('makes no call with no usable value or no pixel id', () => {
    expect(metaIdentify({ id: '123' }, { em: 'raw' })).toEqual([]);
    expect(metaIdentify({ id: '123' }, {})).toEqual([]);
    expect(metaIdentify({}, user)).toEqual([]);
  });

  it("is init's advanced matching, after autoConfig and LDU", () => {
    expect(metaInit({ id: '123', ldu: true }, user).slice(2)).toEqual(metaIdentify({ id: '123' }, user));
  });
});
