import { describe, expect, it } from 'vitest';
import { installLinkedInStub, LINKEDIN_SCRIPT, linkedInConsent, linkedInIdentify, linkedInInit, mapLinkedIn } from './linkedin';
import type { MapOptions, PixelEvent } from './types';

const ev = (name: string, params: PixelEvent['params'] = {}): PixelEvent => ({ id: 'e-1', name, params });
const canonical = ['page_view', 'view_item', 'view_item_list', 'search', 'add_to_cart', 'add_to_wishlist', 'begin_checkout', 'add_payment_info', 'purchase', 'generate_lead', 'sign_up'];
const conversions = Object.fromEntries(canonical.map((name, i) => [name, 1000 + i]));
const items = [{ item_id: 'sku-1', item_name: 'Dripper', price: 119, quantity: 2 }];

describe('mapLinkedIn', () => {
  it.each(canonical.map((name, i) => [name, 1000 + i] as const))('%s goes as its conversion rule id %i, with the event id', (name, id) => {
    expect(mapLinkedIn(ev(name), { conversions })).toEqual([['track', { conversion_id: id, event_id: 'e-1' }]]);
  });

  it.each<[string, PixelEvent, MapOptions, unknown[][]]>([
    ['page_view carries the event id too (page views without eventID break dedup)', ev('page_view'), { conversions: { page_view: 7 } }, [['track', { conversion_id: 7, event_id: 'e-1' }]]],
    ['purchase with items and a string value: only the conversion id and event id', ev('purchase', { value: '292.90', currency: 'pln', transaction_id: 'T-1', items }), { conversions: { purchase: 123 } }, [['track', { conversion_id: 123, event_id: 'e-1' }]]],
    ['a conversion id given as a string becomes a number', ev('purchase'), { conversions: { purchase: '123' } }, [['track', { conversion_id: 123, event_id: 'e-1' }]]],
    ['a conversion id that is not a number is skipped', ev('purchase'), { conversions: { purchase: 'abc' } }, []],
    ['an event without a conversion id is skipped: no standard events', ev('purchase'), { conversions: { sign_up: 5 } }, []],
    ['an unknown event is skipped, never passed through unmapped (event names passed through unmapped)', ev('page'), {}, []],
    ['an unknown event with a conversion id is sent', ev('quote_requested'), { conversions: { quote_requested: 42 } }, [['track', { conversion_id: 42, event_id: 'e-1' }]]],
    ['the site renames an event onto another conversion', ev('quote_requested'), { events: { quote_requested: 'generate_lead' }, conversions: { generate_lead: 9 } }, [['track', { conversion_id: 9, event_id: 'e-1' }]]],
    ['the site turns an event off', ev('purchase'), { events: { purchase: false }, conversions: { purchase: 123 } }, []],
    ['an event named like an Object.prototype key is skipped', ev('constructor'), { conversions: {} }, []],
  ])('%s', (_, event, options, calls) => {
    expect(mapLinkedIn(event, options)).toEqual(calls);
  });
});

type Lintrk = ((name: unknown, data?: unknown) => void) & { q: unknown[][] };
type Win = { lintrk?: Lintrk; _linkedin_partner_id?: string; _linkedin_data_partner_ids?: string[] };

describe('installLinkedInStub', () => {
  it('installs the official lintrk stub, queuing [a, b] on lintrk.q in order', () => {
    const win: Win = {};
    installLinkedInStub(win as unknown as Window, { id: '123' });
    win.lintrk!('track', { conversion_id: 1, event_id: 'e-1' });
    win.lintrk!('track', { conversion_id: 2, event_id: 'e-2' });
    expect(win.lintrk!.q).toEqual([
      ['track', { conversion_id: 1, event_id: 'e-1' }],
      ['track', { conversion_id: 2, event_id: 'e-2' }],
    ]);
  });

  it('sets the partner id globals the Insight Tag starts from', () => {
    const win: Win = {};
    installLinkedInStub(win as unknown as Window, { id: '123' });
    expect(win._linkedin_partner_id).toBe('123');
    expect(win._linkedin_data_partner_ids).toEqual(['123']);
  });

  it("keeps a site's own lintrk and partner id, and adds this partner id once", () => {
    const own = Object.assign(() => {}, { q: [['track', {}]] });
    const win: Win = { lintrk: own, _linkedin_partner_id: '999', _linkedin_data_partner_ids: ['999'] };
    installLinkedInStub(win as unknown as Window, { id: '123' });
    installLinkedInStub(win as unknown as Window, { id: '123' });
    expect(win.lintrk).toBe(own);
    expect(own.q).toEqual([['track', {}]]);
    expect(win._linkedin_partner_id).toBe('999');
    expect(win._linkedin_data_partner_ids).toEqual(['999', '123']);
  });

  it('without a partner id sets no globals', () => {
    const win: Win = {};
    installLinkedInStub(win as unknown as Window);
    expect(Object.keys(win)).toEqual(['lintrk']);
  });
});

describe('LINKEDIN_SCRIPT', () => {
  it('is the Insight Tag', () => {
    expect(LINKEDIN_SCRIPT({ id: '123' })).toBe('https://snap.licdn.com/li.lms-analytics/insight.min.js');
  });
});

describe('linkedInInit and linkedInConsent', () => {
  it('make no calls: the partner id globals start the tag, and consent gates the script load', () => {
    expect(linkedInInit({ id: '123' }, { em: 'a'.repeat(64) })).toEqual([]);
    expect(linkedInConsent(true, { id: '123' })).toEqual([]);
    expect(linkedInConsent(false, { id: '123' })).toEqual([]);
  });
});

describe('linkedInIdentify', () => {
  it('makes no call even with a hashed user: the Insight Tag takes no user data in the browser', () => {
    const user = { em: 'a'.repeat(64), ph: 'b'.repeat(64), ph_e164: 'c'.repeat(64), fn: 'd'.repeat(64), external_id: 'f'.repeat(64) };
    expect(linkedInIdentify({ id: '123' }, user)).toEqual([]);
  });
});
