import { describe, expect, it } from 'vitest';
import type { MapOptions, PixelEvent } from './types';
import { installXStub, mapX, X_SCRIPT, xConsent, xIdentify, xInit, type Twq } from './x';
import { ev, ITEMS } from './testEvents';

const canonical = ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'generate_lead', 'sign_up'];
const conversions = Object.fromEntries(canonical.map((name) => [name, `tw-o8z2x-${name}`]));
const items = ITEMS;

describe('mapX', () => {
  it.each(canonical)('%s goes as its configured event id, with the event id as conversion_id', (name) => {
    expect(mapX(ev(name), { conversions })).toEqual([['event', `tw-o8z2x-${name}`, { conversion_id: 'e-1' }]]);
  });

  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view carries the event id too (page views without eventID break dedup)', ev('page_view'), { conversions: { page_view: 'tw-a-pv' } }, [['event', 'tw-a-pv', { conversion_id: 'e-1' }]]],
    [
      'purchase: value a number, currency upper case, contents',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      { conversions: { purchase: 'tw-a-buy' } },
      [
        [
          'event',
          'tw-a-buy',
          {
            value: 292.9,
            currency: 'PLN',
            conversion_id: 'e-1',
            contents: [
              { content_id: 'sku-1', content_name: 'Dripper', content_price: 119, num_items: 2 },
              { content_id: 'sku-3', content_name: 'Coffee', content_price: 54.9, num_items: 1 },
            ],
          },
        ],
      ],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'EUR' }), { conversions: { add_to_cart: 'tw-a-cart' } }, [['event', 'tw-a-cart', { value: 119, currency: 'EUR', conversion_id: 'e-1' }]]],
    ['search sends search_string', ev('search', { search_term: 'mug' }), { conversions: { search: 'tw-a-s' } }, [['event', 'tw-a-s', { conversion_id: 'e-1', search_string: 'mug' }]]],
    ['an event without a configured id is skipped', ev('purchase'), { conversions: { sign_up: 'tw-a-su' } }, []],
    ['an unknown event is skipped, never passed through unmapped (event names passed through unmapped)', ev('page'), {}, []],
    ['an unknown event with a configured id is sent', ev('quote_requested'), { conversions: { quote_requested: 'tw-a-q' } }, [['event', 'tw-a-q', { conversion_id: 'e-1' }]]],
    ['the site renames an event onto another configured id', ev('quote_requested'), { events: { quote_requested: 'generate_lead' }, conversions: { generate_lead: 'tw-a-lead' } }, [['event', 'tw-a-lead', { conversion_id: 'e-1' }]]],
    ['the site turns an event off', ev('purchase'), { events: { purchase: false }, conversions: { purchase: 'tw-a-buy' } }, []],
    ['an id that is not a string is skipped (ids are given whole)', ev('purchase'), { conversions: { purchase: 123 } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapX(event, options)).toEqual(calls);
  });
});

describe('installXStub', () => {
  const globals = (win: object) => win as { twq?: Twq };

  it("queues calls made before uwt.js as Arguments objects, in order, with version 1.1", () => {
    const win = {} as Window;
    installXStub(win);
    const twq = globals(win).twq!;
    twq('config', 'o8z2x');
    twq('event', 'tw-o8z2x-o8z7w', { conversion_id: 'e-1' });
    expect(twq.version).toBe('1.1');
    expect(twq.queue.map((a) => Object.prototype.toString.call(a))).toEqual(['[object Arguments]', '[object Arguments]']);
    expect(twq.queue.map((a) => Array.from(a))).toEqual([
      ['config', 'o8z2x'],
      ['event', 'tw-o8z2x-o8z7w', { conversion_id: 'e-1' }],
    ]);
  });

  it('hands calls to exe once the script has set it', () => {
    const win = {} as Window;
    installXStub(win);
    const twq = globals(win).twq!;
    const handled: unknown[][] = [];
    twq.exe = (...args) => handled.push(args);
    twq('event', 'tw-o8z2x-o8z7w', {});
    expect(handled).toEqual([['event', 'tw-o8z2x-o8z7w', {}]]);
    expect(twq.queue).toHaveLength(0);
  });
});

describe('X script, init and consent', () => {
  it('script URL', () => {
    expect(X_SCRIPT({ id: 'o8z2x' })).toBe('https://static.ads-twitter.com/uwt.js');
  });

  it('config with the pixel id, and no user data even when given', () => {
    expect(xInit({ id: 'o8z2x' }, { em: 'a'.repeat(64), ph_e164: 'c'.repeat(64) })).toEqual([['config', 'o8z2x']]);
    expect(xInit({ id: 'o8z2x' })).toEqual([['config', 'o8z2x']]);
  });

  it('no pixel id, no config', () => {
    expect(xInit({})).toEqual([]);
  });

  it('no consent call documented', () => {
    expect(xConsent(true, { id: 'o8z2x' })).toEqual([]);
    expect(xConsent(false, { id: 'o8z2x' })).toEqual([]);
  });
});

describe('xIdentify', () => {
  it('makes no call even with a hashed user: the tag takes no hashed user data', () => {
    const user = { em: 'a'.repeat(64), ph: 'b'.repeat(64), ph_e164: 'c'.repeat(64), fn: 'd'.repeat(64), external_id: 'f'.repeat(64) };
    expect(xIdentify({ id: 'o8z2x' }, user)).toEqual([]);
  });
});
