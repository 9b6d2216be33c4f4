import { describe, expect, it } from 'vitest';
import { installRedditStub, mapReddit, REDDIT_SCRIPT, redditConsent, redditIdentify, redditInit, type Rdt } from './reddit';
import type { MapOptions, PixelEvent } from './types';
import { ev, ITEMS } from './testEvents';

const items = ITEMS;
const conversionId = 'e-1';

describe('mapReddit', () => {
  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view is PageVisit and carries conversionId (page views without an id break dedup)', ev('page_view'), {}, [['track', 'PageVisit', { conversionId }]]],
    [
      'purchase: value a number, currency upper case, item count, products',
      ev('purchase', { value: 292.9, currency: 'pln', transaction_id: 'T-1', items }),
      {},
      [
        [
          'track',
          'Purchase',
          {
            value: 292.9,
            currency: 'PLN',
            itemCount: 3,
            conversionId,
            products: [
              { id: 'sku-1', name: 'Dripper', category: 'Brewing' },
              { id: 'sku-3', name: 'Coffee' },
            ],
          },
        ],
      ],
    ],
    ['a value sent as a string becomes a number', ev('add_to_cart', { value: '119.00', currency: 'PLN' }), {}, [['track', 'AddToCart', { value: 119, currency: 'PLN', conversionId }]]],
    ['view_item is ViewContent', ev('view_item', { items: [items[1]!] }), {}, [['track', 'ViewContent', { itemCount: 1, conversionId, products: [{ id: 'sku-3', name: 'Coffee' }] }]]],
    ['view_item_list is ViewContent', ev('view_item_list'), {}, [['track', 'ViewContent', { conversionId }]]],
    ['search is Search', ev('search', { search_term: 'mug' }), {}, [['track', 'Search', { conversionId }]]],
    ['add_to_wishlist is AddToWishlist', ev('add_to_wishlist'), {}, [['track', 'AddToWishlist', { conversionId }]]],
    ['generate_lead is Lead', ev('generate_lead', { value: 10, currency: 'EUR' }), {}, [['track', 'Lead', { value: 10, currency: 'EUR', conversionId }]]],
    ['sign_up is SignUp', ev('sign_up'), {}, [['track', 'SignUp', { conversionId }]]],
    ['begin_checkout has no Reddit event: Custom', ev('begin_checkout', { value: 119 }), {}, [['track', 'Custom', { customEventName: 'begin_checkout', value: 119, conversionId }]]],
    ['an unknown event goes as Custom with its name', ev('newsletter_open'), {}, [['track', 'Custom', { customEventName: 'newsletter_open', conversionId }]]],
    ['an unknown event is skipped when the site says so', ev('newsletter_open'), { unknown: 'skip' }, []],
    ['the site renames an event', ev('generate_lead'), { events: { generate_lead: 'SignUp' } }, [['track', 'SignUp', { conversionId }]]],
    ['the site maps its own event to a standard one', ev('quote_requested'), { events: { quote_requested: 'Lead' } }, [['track', 'Lead', { conversionId }]]],
    ['the site turns an event off', ev('add_to_cart'), { events: { add_to_cart: false } }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapReddit(event, options)).toEqual(calls);
  });

  const standard = ['PageVisit', 'ViewContent', 'Search', 'AddToCart', 'AddToWishlist', 'Purchase', 'Lead', 'SignUp'];
  it.each(['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'purchase', 'generate_lead', 'sign_up'])(
    '%s is sent under a Reddit standard event, never passed through unmapped (bugs others shipped)',
    (name) => {
      const calls = mapReddit(ev(name), {}) as [string, string, unknown][];
      expect(calls).toHaveLength(1);
      expect(standard).toContain(calls[0]![1]);
    },
  );
});

describe('installRedditStub', () => {
  const globals = (win: object) => win as { rdt?: Rdt };

  it('queues calls made before pixel.js as Arguments objects on callQueue, in order', () => {
    const win = {} as Window;
    installRedditStub(win);
    const rdt = globals(win).rdt!;
    rdt('init', 'a2_abc', { optOut: false });
    rdt('track', 'PageVisit', { conversionId: 'e-1' });
    expect(rdt.callQueue.map((a) => Object.prototype.toString.call(a))).toEqual(['[object Arguments]', '[object Arguments]']);
    expect(rdt.callQueue.map((a) => Array.from(a))).toEqual([
      ['init', 'a2_abc', { optOut: false }],
      ['track', 'PageVisit', { conversionId: 'e-1' }],
    ]);
  });

  it('hands calls to sendEvent once the script has set it', () => {
    const win = {} as Window;
    installRedditStub(win);
    const rdt = globals(win).rdt!;
    const sent: unknown[][] = [];
    rdt.sendEvent = (...args) => sent.push(args);
    rdt('track', 'Purchase', { value: 1 });
    expect(sent).toEqual([['track', 'Purchase', { value: 1 }]]);
    expect(rdt.callQueue).toHaveLength(0);
  });
});

describe('Reddit script, init and consent', () => {
  it('script URL', () => {
    expect(REDDIT_SCRIPT({ id: 'a2_abc' })).toBe('https://www.redditstatic.com/ads/pixel.js');
  });

  it('init with decimal currency values, and no user data even when given', () => {
    const init = [['init', 'a2_abc', { optOut: false, useDecimalCurrencyValues: true }]];
    expect(redditInit({ id: 'a2_abc' }, { em: 'a'.repeat(64), external_id: 'f'.repeat(64) })).toEqual(init);
    expect(redditInit({ id: 'a2_abc' })).toEqual(init);
  });

  it('no pixel id, no init', () => {
    expect(redditInit({})).toEqual([]);
  });

  it('no consent call documented', () => {
    expect(redditConsent(true, { id: 'a2_abc' })).toEqual([]);
    expect(redditConsent(false, { id: 'a2_abc' })).toEqual([]);
  });
});

describe('redditIdentify', () => {
  it('makes no call even with a hashed user: the pixel is given no user data', () => {
    const user = { em: 'a'.repeat(64), ph: 'b'.repeat(64), ph_e164: 'c'.repeat(64), fn: 'd'.repeat(64), external_id: 'f'.repeat(64) };
    expect(redditIdentify({ id: 'a2_abc' }, user)).toEqual([]);
  });
});
