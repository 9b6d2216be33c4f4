import { describe, expect, it } from 'vitest';
import { mapMeta } from './meta';
import type { MapOptions, PixelEvent } from './types';

const items = [
  { item_id: 'sku-1', item_name: 'Dripper', price: 119, quantity: 2 },
  { item_id: 'sku-3', item_name: 'Coffee', price: 54.9, quantity: 1 },
];
const ev = (name: string, params: PixelEvent['params'] = {}): PixelEvent => ({ id: 'e-1', name, params });
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
