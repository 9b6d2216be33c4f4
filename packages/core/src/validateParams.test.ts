import { describe, expect, it } from 'vitest';
import { validateParams } from './validateParams';

describe('validateParams', () => {
  it('keeps GA4 e-commerce params as they are', () => {
    const params = { value: 99.5, currency: 'PLN', transaction_id: 'T1', items: [{ item_id: 'sku-1', price: 49.75, quantity: 2 }] };
    expect(validateParams(params)).toEqual({ params, problems: [] });
  });
  it('returns a copy, so the caller may reuse its object', () => {
    const params = { items: [{ item_id: 'a' }] };
    const out = validateParams(params).params;
    params.items[0]!.item_id = 'b';
    expect(out).toEqual({ items: [{ item_id: 'a' }] });
  });
  it('coerces numeric strings of numeric fields, with a warning', () => {
    const r = validateParams({ value: '12.50', items: [{ price: '3' }] });
    expect(r.params).toEqual({ value: 12.5, items: [{ price: 3 }] });
    expect(r.problems.map((p) => [p.code, p.level])).toEqual([
      ['coerced_number', 'warn'],
      ['coerced_number', 'warn'],
    ]);
  });
  it('drops bad fields one by one and names them', () => {
    const r = validateParams({ ok: 1, value: 'lots', currency: 'zł', f: () => 1, n: NaN, d: new Date(0), u: undefined });
    expect(r.params).toEqual({ ok: 1 });
    expect(r.problems.map((p) => p.field)).toEqual(['params.value', 'params.currency', 'params.f', 'params.n', 'params.d', 'params.u']);
  });
  it('refuses prototype-polluting keys', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "items": [{"constructor": 1, "item_id": "a"}]}');
    const r = validateParams(input);
    expect(r.params).toEqual({ items: [{ item_id: 'a' }] });
    expect(r.problems.map((p) => p.code)).toEqual(['forbidden_key', 'forbidden_key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('bounds depth, array length, string length and key length', () => {
    const r = validateParams({
      deep: { a: { b: { c: 1 } } },
      list: new Array(201).fill(1),
      text: 'x'.repeat(1001),
      ['k'.repeat(41)]: 1,
    });
    expect(r.params).toEqual({ deep: { a: {} } });
    expect(r.problems.map((p) => p.code)).toEqual(['too_deep', 'array_too_long', 'string_too_long', 'invalid_key']);
  });
  it('treats a missing params object as empty and a non-object as a problem', () => {
    expect(validateParams(undefined)).toEqual({ params: {}, problems: [] });
    expect(validateParams([1, 2]).problems[0]!.code).toBe('invalid_params');
    expect(validateParams('x').problems[0]!.code).toBe('invalid_params');
  });
});
