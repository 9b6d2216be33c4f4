import { describe, expect, it } from 'vitest';
import { validateEvent } from './validateEvent';

const NOW = Date.UTC(2025, 5, 1, 12);
const HEX = 'a'.repeat(64);

/** A valid event with every optional field and full consent. */
const full = (overrides: Record<string, unknown> = {}) => ({
  id: 'evt_1',
  name: 'purchase',
  ts: NOW - 1000,
  params: { value: 99.5, currency: 'PLN', transaction_id: 'T1', items: [{ item_id: 'sku1', price: 99.5, quantity: 1 }] },
  consent: { necessary: true, analytics: true, marketing: true },
  page: { url: 'https://shop.example/checkout?step=2', referrer: 'https://shop.example/cart', title: 'Checkout' },
  anon_id: 'anon-123',
  session_id: 'sess_456',
  user: { em: HEX, ph: 'b'.repeat(64) },
  click: { fbclid: 'IwAR0abc', gclid: 'Cj0KCQ' },
  ...overrides,
});

/** Validates and returns the problem, failing the test if the event was accepted. */
function reject(input: unknown) {
  const result = validateEvent(input, NOW);
  if ('event' in result) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return result;
}

/** JSON.parse makes `__proto__` an own property, as on the wire. */
const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('validateEvent', () => {
  it('accepts a complete event and keeps every field', () => {
    const result = validateEvent(full(), NOW);
    expect(result).toEqual({ event: full() });
  });

  it('adds necessary: true when consent omits it, and keeps site categories', () => {
    const result = validateEvent(full({ consent: { analytics: true, marketing: false, functional: true } }), NOW);
    expect('event' in result && result.event.consent).toEqual({ necessary: true, analytics: true, marketing: false, functional: true });
  });

  it('treats missing params as {}', () => {
    const { params: _, ...rest } = full();
    const result = validateEvent(rest, NOW);
    expect('event' in result && result.event.params).toEqual({});
  });

  it.each([null, [], 'event', 42, true])('refuses a non-object event: %j', (input) => {
    expect(reject(input)).toEqual({ code: 'invalid_event', message: 'must be a JSON object' });
  });

  it('refuses unknown top-level fields, naming them', () => {
    expect(reject(full({ email: 'x' }))).toMatchObject({ code: 'unknown_field', message: 'email: unknown field' });
  });

  describe('prototype-pollution keys', () => {
    it('at the event top level', () => {
      const input = parsed(JSON.stringify(full()).replace('{', '{"__proto__":{"polluted":true},'));
      expect(Object.keys(input)).toContain('__proto__');
      expect(reject(input)).toMatchObject({ code: 'forbidden_key', field: '__proto__' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
    it('in params', () => {
      const input = parsed(JSON.stringify(full({ params: { x: 1 } })).replace('"params":{', '"params":{"__proto__":{"admin":true},'));
      expect(reject(input)).toMatchObject({ code: 'forbidden_key', message: 'params.__proto__: key is not allowed' });
    });
    it('in an item', () => {
      const input = parsed(JSON.stringify(full({ params: { items: [{ item_id: 'a' }] } })).replace('{"item_id"', '{"constructor":{"prototype":1},"item_id"'));
      expect(reject(input)).toMatchObject({ code: 'forbidden_key', field: 'params.items[0].constructor' });
    });
    it('in consent, page and user too', () => {
      expect(reject(parsed(JSON.stringify(full()).replace('"consent":{', '"consent":{"__proto__":true,')))).toMatchObject({ code: 'forbidden_key' });
      expect(reject(parsed(JSON.stringify(full()).replace('"page":{', '"page":{"prototype":"x",')))).toMatchObject({ code: 'forbidden_key' });
      expect(reject(parsed(JSON.stringify(full()).replace('"user":{', '"user":{"__proto__":{},')))).toMatchObject({ code: 'forbidden_key' });
    });
  });

  describe('id', () => {
    it.each([
      ['missing', undefined, 'missing_field'],
      ['a number', 42, 'invalid_field'],
      ['empty', '', 'invalid_field'],
      ['65 characters', 'a'.repeat(65), 'invalid_field'],
      ['with a space', 'a b', 'invalid_field'],
      ['a huge string', 'x'.repeat(100_000), 'invalid_field'],
    ])('refuses an id that is %s', (_, id, code) => {
      const input = full();
      if (id === undefined) delete (input as Record<string, unknown>).id;
      else input.id = id as string;
      expect(reject(input)).toMatchObject({ code, field: 'id' });
    });
  });

  describe('name', () => {
    it('names the rule in the message', () => {
      expect(reject(full({ name: '1st' })).message).toBe('name: must match /^[A-Za-z][A-Za-z0-9_]{0,63}$/');
    });
    it.each([42, '', 'a'.repeat(65), 'add-to-cart', null])('refuses %j', (name) => {
      expect(reject(full({ name }))).toMatchObject({ code: 'invalid_field', field: 'name' });
    });
    it('is required', () => {
      const { name: _, ...rest } = full();
      expect(reject(rest)).toMatchObject({ code: 'missing_field', field: 'name' });
    });
  });

  describe('ts', () => {
    it.each([
      ['a float', NOW + 0.5],
      ['a string', String(NOW)],
      ['before 2020', Date.UTC(2019, 11, 31, 23, 59)],
      ['far in the future', NOW + 25 * 3600 * 1000],
      ['NaN-like null', null],
    ])('refuses %s', (_, ts) => {
      expect(reject(full({ ts }))).toMatchObject({ code: 'invalid_field', field: 'ts' });
    });
    it('accepts the bounds: 2020-01-01 and now + 24 h', () => {
      expect(validateEvent(full({ ts: Date.UTC(2020, 0, 1) }), NOW)).toHaveProperty('event');
      expect(validateEvent(full({ ts: NOW + 24 * 3600 * 1000 }), NOW)).toHaveProperty('event');
    });
  });

  describe('params (shared rules, any problem refuses the event)', () => {
    it('refuses a number sent as a string, which the browser only warns about', () => {
      expect(reject(full({ params: { value: '9.5' } }))).toMatchObject({ code: 'coerced_number', field: 'params.value' });
    });
    it('refuses params that are not an object', () => {
      expect(reject(full({ params: [1, 2] }))).toMatchObject({ code: 'invalid_params' });
      expect(reject(full({ params: 'x' }))).toMatchObject({ code: 'invalid_params' });
    });
    it('refuses a huge string', () => {
      expect(reject(full({ params: { q: 'x'.repeat(1001) } }))).toMatchObject({ code: 'string_too_long', field: 'params.q' });
    });
    it('refuses deep nesting', () => {
      expect(reject(full({ params: { a: { b: { c: { d: 1 } } } } }))).toMatchObject({ code: 'too_deep' });
    });
    it('refuses nesting thousands of levels deep without blowing the stack', () => {
      const deep = JSON.parse(`{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
      expect(reject(full({ params: deep }))).toMatchObject({ code: 'too_deep' });
      const deepArray = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      expect(reject(full({ params: { a: deepArray } }))).toMatchObject({ code: 'too_deep' });
    });
    it('refuses a bad currency', () => {
      expect(reject(full({ params: { currency: 'zł' } }))).toMatchObject({ code: 'invalid_currency' });
    });
  });

  describe('consent', () => {
    it.each([
      ['missing', undefined, 'missing_field'],
      ['not an object', true, 'invalid_field'],
      ['an array', [true], 'invalid_field'],
      ['with a non-boolean', { analytics: 'yes', marketing: true }, 'invalid_field'],
      ['without marketing', { analytics: true }, 'missing_field'],
      ['without analytics', { marketing: true }, 'missing_field'],
      ['with necessary: false', { necessary: false, analytics: true, marketing: true }, 'invalid_field'],
    ])('refuses consent %s', (_, consent, code) => {
      const input = full({ consent });
      if (consent === undefined) delete (input as Record<string, unknown>).consent;
      expect(reject(input)).toMatchObject({ code });
    });
    it('refuses an event with neither analytics nor marketing consent', () => {
      expect(reject(full({ consent: { necessary: true, analytics: false, marketing: false } }))).toMatchObject({ code: 'no_consent' });
    });
  });

  describe('consent decides which fields are kept', () => {
    it('analytics only: user data and click ids are removed, identifiers kept', () => {
      const result = validateEvent(full({ consent: { analytics: true, marketing: false } }), NOW);
      if (!('event' in result)) throw new Error(result.message);
      expect(result.event).not.toHaveProperty('user');
      expect(result.event).not.toHaveProperty('click');
      expect(result.event).toMatchObject({ anon_id: 'anon-123', session_id: 'sess_456' });
    });
    it('marketing only: identifiers are removed, user data and click ids kept', () => {
      const result = validateEvent(full({ consent: { analytics: false, marketing: true } }), NOW);
      if (!('event' in result)) throw new Error(result.message);
      expect(result.event).not.toHaveProperty('anon_id');
      expect(result.event).not.toHaveProperty('session_id');
      expect(result.event.user).toEqual({ em: HEX, ph: 'b'.repeat(64) });
      expect(result.event.click).toEqual({ fbclid: 'IwAR0abc', gclid: 'Cj0KCQ' });
    });
  });

  describe('page', () => {
    it.each([
      ['a javascript: url', { url: 'javascript:alert(1)', referrer: '', title: '' }, 'page.url'],
      ['a relative url', { url: '/checkout', referrer: '', title: '' }, 'page.url'],
      ['a url over the limit', { url: `https://shop.example/${'a'.repeat(2048)}`, referrer: '', title: '' }, 'page.url'],
      ['a url that is a number', { url: 1, referrer: '', title: '' }, 'page.url'],
      ['a referrer that is not a URL', { url: 'https://a.example/', referrer: 'nope', title: '' }, 'page.referrer'],
      ['a title over the limit', { url: 'https://a.example/', referrer: '', title: 't'.repeat(513) }, 'page.title'],
      ['a missing title', { url: 'https://a.example/', referrer: '' }, 'page.title'],
      ['an unknown field', { url: 'https://a.example/', referrer: '', title: '', path: '/' }, 'page.path'],
    ])('refuses %s', (_, page, field) => {
      expect(reject(full({ page })).field).toBe(field);
    });
    it('refuses a missing page and a page that is a string', () => {
      const { page: _, ...rest } = full();
      expect(reject(rest)).toMatchObject({ code: 'missing_field', field: 'page' });
      expect(reject(full({ page: 'https://a.example/' }))).toMatchObject({ code: 'invalid_field', field: 'page' });
    });
    it("accepts an empty referrer and an app referrer (android-app://)", () => {
      expect(validateEvent(full({ page: { url: 'http://a.example/', referrer: '', title: '' } }), NOW)).toHaveProperty('event');
      expect(validateEvent(full({ page: { url: 'http://a.example/', referrer: 'android-app://com.x/', title: '' } }), NOW)).toHaveProperty('event');
    });
  });

  it.each(['anon_id', 'session_id'])('refuses a malformed %s', (key) => {
    expect(reject(full({ [key]: 'has space' }))).toMatchObject({ code: 'invalid_field', field: key });
    expect(reject(full({ [key]: 7 }))).toMatchObject({ code: 'invalid_field', field: key });
  });

  describe('user', () => {
    it('refuses an unhashed email without echoing it', () => {
      const problem = reject(full({ user: { em: 'john.doe@example.com' } }));
      expect(problem).toMatchObject({ code: 'unhashed_user_data', field: 'user.em' });
      expect(problem.message).not.toContain('john');
    });
    it('refuses a phone number sent as a number, an uppercase digest and a short one', () => {
      for (const ph of [48123456789, 'A'.repeat(64), 'a'.repeat(63)]) {
        const problem = reject(full({ user: { ph } }));
        expect(problem.code).toBe('unhashed_user_data');
        expect(problem.message).not.toContain(String(ph));
      }
    });
    it('refuses keys outside HashedUser (raw identify() keys)', () => {
      expect(reject(full({ user: { email: HEX } }))).toMatchObject({ code: 'unknown_field', field: 'user.email' });
    });
    it('refuses a user that is not an object', () => {
      expect(reject(full({ user: 'john@example.com' }))).toMatchObject({ code: 'invalid_field', field: 'user' });
    });
    it('accepts every HashedUser key', () => {
      const keys = ['em', 'ph', 'ph_e164', 'fn', 'ln', 'ge', 'db', 'ct', 'st', 'zp', 'country', 'external_id'];
      const user = Object.fromEntries(keys.map((k) => [k, HEX]));
      expect(validateEvent(full({ user }), NOW)).toEqual({ event: full({ user }) });
    });
  });

  describe('click', () => {
    it.each([
      ['an uppercase key', { GCLID: 'x' }],
      ['a one-letter key', { g: 'x' }],
      ['a number value', { gclid: 1 }],
      ['a value over the limit', { gclid: 'x'.repeat(501) }],
      ['an array', ['x']],
    ])('refuses %s', (_, click) => {
      expect(reject(full({ click })).code).toBe('invalid_field');
    });
  });

  describe('vendors', () => {
    const vendors = { meta: 'both', tiktok: 'client', 'acme-crm': 'server' };

    it('keeps the allowed vendors with their paths', () => {
      expect(validateEvent(full({ vendors }), NOW)).toEqual({ event: full({ vendors }) });
      expect(validateEvent(full({ vendors: {} }), NOW)).toEqual({ event: full({ vendors: {} }) });
    });
    it.each([
      ['an uppercase key', { Meta: 'client' }, 'vendors.Meta'],
      ['a key starting with a digit', { '1meta': 'client' }, 'vendors.1meta'],
      ['a key over 32 characters', { [`m${'a'.repeat(32)}`]: 'client' }, `vendors.m${'a'.repeat(32)}`],
      ['an unknown path', { meta: 'browser' }, 'vendors.meta'],
      ['a boolean value', { meta: true }, 'vendors.meta'],
      ['a path in capitals', { meta: 'CLIENT' }, 'vendors.meta'],
      ['an array', ['meta'], 'vendors'],
      ['a string', 'meta', 'vendors'],
      ['null', null, 'vendors'],
    ])('refuses %s, naming the field', (_, value, field) => {
      expect(reject(full({ vendors: value }))).toMatchObject({ code: 'invalid_field', field });
    });
    it('refuses more than 32 vendors and accepts 32', () => {
      const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 'client']));
      expect(reject(full({ vendors: many(33) }))).toMatchObject({ code: 'invalid_field', field: 'vendors' });
      expect(validateEvent(full({ vendors: many(32) }), NOW)).toHaveProperty('event.vendors.v31', 'client');
    });
    it('refuses a prototype-polluting key', () => {
      const input = parsed(JSON.stringify(full({ vendors })).replace('"vendors":{', '"vendors":{"__proto__":"client",'));
      expect(reject(input)).toMatchObject({ code: 'forbidden_key', field: 'vendors.__proto__' });
    });
    it('is removed without marketing consent, and when Global Privacy Control refuses marketing', () => {
      const analyticsOnly = validateEvent(full({ vendors, consent: { analytics: true, marketing: false } }), NOW);
      if (!('event' in analyticsOnly)) throw new Error(analyticsOnly.message);
      expect(analyticsOnly.event).not.toHaveProperty('vendors');
      const gpc = validateEvent(full({ vendors }), NOW, { denyMarketing: true });
      if (!('event' in gpc)) throw new Error(gpc.message);
      expect(gpc.event).not.toHaveProperty('vendors');
    });
  });

  describe('the current decision (the request\'s consent cookie)', () => {
    const vendors = { meta: 'both', tiktok: 'client', google: 'server' };
    const click = { fbc: 'fb.1.1.IwAR0', fbp: 'fb.1.1.42', ttclid: 'E.C.P', ttp: 'tt1', gclid: 'Cj0KCQ', other_id: 'o1' };
    const decision = (c: Record<string, unknown>, vd?: unknown) =>
      ({ v: 1, id: 'c1', ts: NOW - 500, rev: 1, c: { necessary: true, analytics: true, ...c }, ...(vd === undefined ? {} : { vd }) }) as never;
    const accept = (input: unknown, rules: Parameters<typeof validateEvent>[2]) => {
      const result = validateEvent(input, NOW, rules);
      if (!('event' in result)) throw new Error(result.message);
      return result.event;
    };

    it('drops the vendors refused since, and their click ids; keeps the others', () => {
      const event = accept(full({ vendors, click }), { decision: decision({ marketing: true }, { meta: false, tiktok: true }) });
      expect(event.vendors).toEqual({ tiktok: 'client', google: 'server' });
      expect(event.click).toEqual({ ttclid: 'E.C.P', ttp: 'tt1', gclid: 'Cj0KCQ', other_id: 'o1' });
      expect(event.user).toEqual(full().user);
      expect(event.consent).toEqual({ necessary: true, analytics: true, marketing: true });
    });
    it.each([
      ['fbc', 'meta'], ['fbp', 'meta'], ['ttclid', 'tiktok'], ['ttp', 'tiktok'], ['li_fat_id', 'linkedin'],
      ['gclid', 'google'], ['gbraid', 'google'], ['wbraid', 'google'], ['sccid', 'snap'], ['scid', 'snap'], ['twclid', 'x'],
      ['rdt_cid', 'reddit'], ['rdt_uuid', 'reddit'],
    ])('drops the click id %s when %s is refused, and only then', (key, vendor) => {
      const input = full({ click: { [key]: 'x', other_id: 'o' } });
      expect(accept(input, { decision: decision({ marketing: true }, { [vendor]: false }) }).click).toEqual({ other_id: 'o' });
      expect(accept(input, { decision: decision({ marketing: true }, { acme: false }) }).click).toEqual({ [key]: 'x', other_id: 'o' });
    });
    it('drops vendors and click when nothing is left of them', () => {
      const event = accept(full({ vendors: { meta: 'both' }, click: { fbp: 'fb.1.1.42' } }), { decision: decision({ marketing: true }, { meta: false }) });
      expect(event).not.toHaveProperty('vendors');
      expect(event).not.toHaveProperty('click');
    });
    it('drops user, click and vendors when marketing was withdrawn, without changing consent', () => {
      const event = accept(full({ vendors, click }), { decision: decision({ marketing: false }) });
      expect(event).not.toHaveProperty('user');
      expect(event).not.toHaveProperty('click');
      expect(event).not.toHaveProperty('vendors');
      expect(event.consent.marketing).toBe(true);
      expect(event.anon_id).toBe('anon-123');
    });
    it.each([
      ['no decision', undefined],
      ['a decision without vendor choices', decision({ marketing: true })],
      ['vendor choices that are not false', decision({ marketing: true }, { meta: true, tiktok: 0, google: null })],
      ['vendor choices that are not an object', decision({ marketing: true }, 'meta')],
    ])('changes nothing with %s', (_, current) => {
      expect(accept(full({ vendors, click }), { decision: current })).toEqual(full({ vendors, click }));
    });
    it('never adds a vendor the event did not carry', () => {
      const event = accept(full({ vendors: { meta: 'both' } }), { decision: decision({ marketing: true }, { meta: true, tiktok: true }) });
      expect(event.vendors).toEqual({ meta: 'both' });
    });
  });

  it('refuses an event whose serialised size is over 16 KiB', () => {
    const params = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, 'x'.repeat(1000)]));
    expect(reject(full({ params }))).toMatchObject({ code: 'event_too_large' });
  });
});
