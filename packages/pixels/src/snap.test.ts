import { describe, expect, it } from 'vitest';
import type { HashedUser } from '../../core/src/types';
import { installSnapStub, mapSnap, SNAP_SCRIPT, snapConsent, snapIdentify, snapInit, type Snaptr } from './snap';
import type { MapOptions, PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const id = { client_dedup_id: 'e-1' };

describe('mapSnap', () => {
  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view carries client_dedup_id too (page views without eventID break dedup)', ev('page_view'), {}, [['track', 'PAGE_VIEW', id]]],
    [
      'purchase with items: price a number, currency upper case, item ids, number of items, transaction id',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [['track', 'PURCHASE', { price: 292.9, currency: 'PLN', item_ids: ['sku-1', 'sku-3'], number_items: 3, transaction_id: 'T-1', ...id }]],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN', items: [items[0]!] }), {}, [['track', 'ADD_CART', { price: 119, currency: 'PLN', item_ids: ['sku-1'], number_items: 2, ...id }]]],
    ['view_item is VIEW_CONTENT', ev('view_item', { items: [items[1]!] }), {}, [['track', 'VIEW_CONTENT', { item_ids: ['sku-3'], number_items: 1, ...id }]]],
    ['view_item_list is LIST_VIEW', ev('view_item_list', { items }), {}, [['track', 'LIST_VIEW', { item_ids: ['sku-1', 'sku-3'], number_items: 3, ...id }]]],
    ['search carries the search string', ev('search', { search_term: 'mug' }), {}, [['track', 'SEARCH', { search_string: 'mug', ...id }]]],
    ['add_to_wishlist is ADD_TO_WISHLIST', ev('add_to_wishlist'), {}, [['track', 'ADD_TO_WISHLIST', id]]],
    ['begin_checkout is START_CHECKOUT', ev('begin_checkout', { value: 10, currency: 'EUR' }), {}, [['track', 'START_CHECKOUT', { price: 10, currency: 'EUR', ...id }]]],
    ['add_payment_info is ADD_BILLING', ev('add_payment_info'), {}, [['track', 'ADD_BILLING', id]]],
    ['sign_up is SIGN_UP', ev('sign_up'), {}, [['track', 'SIGN_UP', id]]],
    ['generate_lead has no Snap event: skipped', ev('generate_lead'), {}, []],
    ['an unknown event is skipped: Snap has no free-named custom event', ev('newsletter_open'), {}, []],
    ['an unknown event is skipped with unknown: skip too', ev('newsletter_open'), { unknown: 'skip' }, []],
    ['the site maps its own event to a custom slot', ev('quote_requested'), { events: { quote_requested: 'CUSTOM_EVENT_1' } }, [['track', 'CUSTOM_EVENT_1', id]]],
    ['the site renames an event', ev('sign_up'), { events: { sign_up: 'SUBSCRIBE' } }, [['track', 'SUBSCRIBE', id]]],
    ['the site turns an event off', ev('add_to_cart'), { events: { add_to_cart: false } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapSnap(event, options)).toEqual(calls);
  });

  it('never passes a canonical name through unmapped ("page_view" instead of PAGE_VIEW)', () => {
    for (const name of ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'sign_up']) {
      const [call] = mapSnap(ev(name), {});
      expect(call![1]).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('installSnapStub', () => {
  const globals = (win: object) => win as { snaptr?: Snaptr };

  it("queues calls made before scevent.min.js as Arguments objects, in order, as Snap's script drains them", () => {
    const win = {} as Window;
    installSnapStub(win);
    const snaptr = globals(win).snaptr!;
    snaptr('init', 'pix', { user_hashed_email: 'x' });
    snaptr('track', 'PAGE_VIEW', { client_dedup_id: 'e-1' });
    expect(snaptr.queue.map((a) => Object.prototype.toString.call(a))).toEqual(['[object Arguments]', '[object Arguments]']);
    expect(snaptr.queue.map((a) => Array.from(a))).toEqual([
      ['init', 'pix', { user_hashed_email: 'x' }],
      ['track', 'PAGE_VIEW', { client_dedup_id: 'e-1' }],
    ]);
  });

  it('hands calls to handleRequest once the script has set it', () => {
    const win = {} as Window;
    installSnapStub(win);
    const snaptr = globals(win).snaptr!;
    const handled: unknown[][] = [];
    snaptr.handleRequest = (...args) => handled.push(args);
    snaptr('track', 'PURCHASE', { price: 1 });
    expect(handled).toEqual([['track', 'PURCHASE', { price: 1 }]]);
    expect(snaptr.queue).toHaveLength(0);
  });
});

describe('Snap script, init and consent', () => {
const em = 'a'.repeat(64);
  const ph = 'b'.repeat(64);
  const ph_e164 = 'c'.repeat(64);
  const user: HashedUser = { em, ph, ph_e164, fn: 'd'.repeat(64), ct: 'e'.repeat(64), external_id: 'f'.repeat(64) };
  
  it('script URL', () => {
    expect(SNAP_SCRIPT({ id: 'pix' })).toBe('https://sc-static.net/scevent.min.js');
  });

  it('init carries the hashed email and the phone without + (Snap normalises like Meta, not like Google)', () => {
    expect(snapInit({ id: 'pix' }, user)).toEqual([['init', 'pix', { user_hashed_email: em, user_hashed_phone_number: ph }]]);
  });

  it('a non-hex value is left out and never drops the others', () => {
    expect(snapInit({ id: 'pix' }, { em: 'someone@example.com', ph })).toEqual([['init', 'pix', { user_hashed_phone_number: ph }]]);
    expect(snapInit({ id: 'pix' }, { em, ph: '+48 600 100 200' })).toEqual([['init', 'pix', { user_hashed_email: em }]]);
  });

  it('init without user data has no matching object; no pixel id, no init', () => {
    expect(snapInit({ id: 'pix' })).toEqual([['init', 'pix']]);
    expect(snapInit({ id: 'pix' }, { ph_e164 })).toEqual([['init', 'pix']]);
    expect(snapInit({}, user)).toEqual([]);
  });

  it('no consent call documented', () => {
    expect(snapConsent(true, { id: 'pix' })).toEqual([]);
    expect(snapConsent(false, { id: 'pix' })).toEqual([]);
  });
});

describe('snapIdentify', () => {
  const em = 'a'.repeat(64);
  const ph = 'b'.repeat(64);

  it('issues init again with the hashed email and the phone without +, passed on as they are', () => {
    expect(snapIdentify({ id: 'pix' }, { em, ph, ph_e164: 'c'.repeat(64), fn: 'd'.repeat(64) })).toEqual([
      ['init', 'pix', { user_hashed_email: em, user_hashed_phone_number: ph }],
    ]);
  });

  it('drops a non-hex value and keeps the other; never takes the E.164 phone', () => {
    expect(snapIdentify({ id: 'pix' }, { em: 'someone@example.com', ph })).toEqual([['init', 'pix', { user_hashed_phone_number: ph }]]);
    expect(snapIdentify({ id: 'pix' }, { ph_e164: 'c'.repeat(64) })).toEqual([]);
  });

  it('makes no call with no usable value or no pixel id', () => {
    expect(snapIdentify({ id: 'pix' }, {})).toEqual([]);
    expect(snapIdentify({}, { em, ph })).toEqual([]);
  });
});
