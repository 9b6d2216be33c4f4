import { describe, expect, it } from 'vitest';
import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';

describe('commerceOf', () => {
  it('reads a GA4 purchase: numbers as numbers, currency upper case, lines with quantities summed', () => {
    expect(
      commerceOf({
        value: '292.90',
        currency: 'pln',
        transaction_id: 'T-1',
        items: [
          { item_id: 'sku-1', item_name: 'Dripper', price: '119', quantity: 2, item_category: 'Brewing' },
          { item_name: 'Gift card' },
          { price: 5 },
          'not an item',
        ],
      }),
    ).toEqual({
      value: 292.9,
      currency: 'PLN',
      orderId: 'T-1',
      lines: [
        { id: 'sku-1', name: 'Dripper', price: 119, quantity: 2, category: 'Brewing' },
        { id: 'Gift card', name: 'Gift card', quantity: 1 },
      ],
      quantity: 3,
    });
  });

  it.each([
    ['a word', { value: 'free', currency: 'PLN' }, { lines: [], quantity: 0, currency: 'PLN' }],
    ['not finite', { value: Infinity as never, currency: 'zł' }, { lines: [], quantity: 0 }],
    ['a numeric order id and a search term', { transaction_id: 1042, search_term: 'mug' }, { lines: [], quantity: 0, orderId: '1042', query: 'mug' }],
    ['a fractional or zero quantity', { items: [{ item_id: 'a', quantity: 0 }, { item_id: 'b', quantity: 2.6 }] }, { lines: [{ id: 'a', quantity: 1 }, { id: 'b', quantity: 3 }], quantity: 4 }],
  ])('%s', (_, params, expected) => {
    expect(commerceOf(params)).toEqual(expected);
  });

  it('defined() leaves out undefined fields only', () => {
    expect(defined({ a: 0, b: undefined, c: '', d: null })).toEqual({ a: 0, c: '', d: null });
  });
});

describe('eventName', () => {
  const standard = { purchase: 'Purchase' };
  it.each([
    ['standard', 'purchase', {}, 'Purchase'],
    ['renamed by the site', 'purchase', { events: { purchase: 'CompletePayment' } }, 'CompletePayment'],
    ['turned off by the site', 'purchase', { events: { purchase: false as const } }, false],
    ["the site's own event mapped", 'quote', { events: { quote: 'Lead' } }, 'Lead'],
    ['no name: custom or skipped, by the caller', 'quote', {}, undefined],
    ['not fooled by Object.prototype', 'toString', {}, undefined],
  ])('%s', (_, canonical, options, expected) => {
    expect(eventName(canonical, standard, options)).toBe(expected);
  });
});
