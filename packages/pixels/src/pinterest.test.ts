import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { installPinterestStub, mapPinterest, PINTEREST_SCRIPT, pinterestConsent, pinterestIdentify, pinterestInit, type Pintrk } from './pinterest';
import type { MapOptions, PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const dripper = { product_id: 'sku-1', product_name: 'Dripper', product_price: 119, product_quantity: 2, product_category: 'Brewing' };
const event_id = 'e-1';

describe('mapPinterest', () => {
  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view is the page call and carries event_id (page views without an id break dedup)', ev('page_view'), {}, [['page', { event_id }]]],
    [
      'purchase is checkout: value a number, currency upper case, order id, quantity, line items',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [
        [
          'track',
          'checkout',
          {
            value: 292.9,
            currency: 'PLN',
            order_id: 'T-1',
            order_quantity: 3,
            line_items: [dripper, { product_id: 'sku-3', product_name: 'Coffee', product_price: 54.9, product_quantity: 1 }],
            event_id,
          },
        ],
      ],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN' }), {}, [['track', 'addtocart', { value: 119, currency: 'PLN', event_id }]]],
    ['view_item is a pagevisit with line items', ev('view_item', { items: [items[0]!] }), {}, [['track', 'pagevisit', { order_quantity: 2, line_items: [dripper], event_id }]]],
    ['view_item_list is viewcategory', ev('view_item_list'), {}, [['track', 'viewcategory', { event_id }]]],
    ['search carries the query', ev('search', { search_term: 'mug' }), {}, [['track', 'search', { search_query: 'mug', event_id }]]],
    ['generate_lead is lead', ev('generate_lead', { value: 10, currency: 'EUR' }), {}, [['track', 'lead', { value: 10, currency: 'EUR', event_id }]]],
    ['sign_up is signup', ev('sign_up'), {}, [['track', 'signup', { event_id }]]],
    ['begin_checkout is not sent by default (checkout means a completed sale)', ev('begin_checkout', { value: 119 }), {}, []],
    ['begin_checkout is sent as checkout when the site opts in', ev('begin_checkout', { value: 119 }), { events: { begin_checkout: 'checkout' } }, [['track', 'checkout', { value: 119, event_id }]]],
    ['an unknown event goes as custom, never unmapped as a user-defined one', ev('newsletter_open'), {}, [['track', 'custom', { event_id }]]],
    ['add_to_wishlist has no Pinterest event: custom', ev('add_to_wishlist'), {}, [['track', 'custom', { event_id }]]],
    ['an unknown event is skipped when the site says so', ev('newsletter_open'), { unknown: 'skip' }, []],
    ['the site renames an event', ev('generate_lead'), { events: { generate_lead: 'signup' } }, [['track', 'signup', { event_id }]]],
    ['the site maps its own event to a standard one', ev('quote_requested'), { events: { quote_requested: 'lead' } }, [['track', 'lead', { event_id }]]],
    ['the site turns an event off', ev('add_to_cart'), { events: { add_to_cart: false } }, []],
    ['the site turns page views off', ev('page_view'), { events: { page_view: false } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapPinterest(event, options)).toEqual(calls);
  });

  // The tag's documented events; any other name is a user-defined event, outside conversion reporting.
  const tagEvents = ['checkout', 'addtocart', 'pagevisit', 'signup', 'watchvideo', 'lead', 'search', 'viewcategory', 'custom'];
  it.each(['view_item', 'view_item_list', 'search', 'add_to_cart', 'purchase', 'generate_lead', 'sign_up', 'add_payment_info', 'add_to_wishlist'])(
    '%s is sent under a documented tag event, never passed through unmapped (bugs others shipped)',
    (name) => {
      const calls = mapPinterest(ev(name), {}) as [string, string, unknown][];
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe('track');
      expect(tagEvents).toContain(calls[0]![1]);
    },
  );
});

describe('installPinterestStub', () => {
  const globals = (win: object) => win as { pintrk?: Pintrk };

  it('queues calls made before core.js as argument arrays, in order, with version 3.0', () => {
    const win = {} as Window;
    installPinterestStub(win);
    const pintrk = globals(win).pintrk!;
    pintrk('load', '2612345678901', { em: 'x' });
    pintrk('page', { event_id: 'e-1' });
    expect(pintrk.version).toBe('3.0');
    expect(pintrk.queue).toEqual([
      ['load', '2612345678901', { em: 'x' }],
      ['page', { event_id: 'e-1' }],
    ]);
    expect(Array.isArray(pintrk.queue[0])).toBe(true);
  });
});

describe('Pinterest script, init and consent', () => {
const em = 'a'.repeat(64);
  const ph = 'b'.repeat(64);
  const ph_e164 = 'c'.repeat(64);
  const user: HashedUser = { em, ph, ph_e164, fn: 'd'.repeat(64), ct: 'e'.repeat(64), external_id: 'f'.repeat(64) };
  
  it('script URL', () => {
    expect(PINTEREST_SCRIPT({ id: 'T' })).toBe('https://s.pinimg.com/ct/core.js');
  });

  it('load carries the hashed email only (enhanced match)', () => {
    expect(pinterestInit({ id: '2612345678901' }, user)).toEqual([['load', '2612345678901', { em }]]);
  });

  it('load without user data, or with a non-hex email, has no enhanced match', () => {
    expect(pinterestInit({ id: '2612345678901' })).toEqual([['load', '2612345678901']]);
    expect(pinterestInit({ id: '2612345678901' }, { em: 'someone@example.com', ph })).toEqual([['load', '2612345678901']]);
  });

  it('no tag id, no load', () => {
    expect(pinterestInit({}, user)).toEqual([]);
  });

  it('no consent call documented', () => {
    expect(pinterestConsent(true, { id: 'T' })).toEqual([]);
    expect(pinterestConsent(false, { id: 'T' })).toEqual([]);
  });
});

describe('pinterestIdentify', () => {
  const em = 'a'.repeat(64);

  it('sets enhanced match with the hashed email only, passed on as it is', () => {
    expect(pinterestIdentify({ id: '2612345678901' }, { em, ph: 'b'.repeat(64), external_id: 'f'.repeat(64) })).toEqual([['set', { em }]]);
  });

  it('makes no call for a non-hex email, no email, or no tag id', () => {
    expect(pinterestIdentify({ id: '2612345678901' }, { em: 'someone@example.com' })).toEqual([]);
    expect(pinterestIdentify({ id: '2612345678901' }, { ph: 'b'.repeat(64) })).toEqual([]);
    expect(pinterestIdentify({}, { em })).toEqual([]);
  });
});
