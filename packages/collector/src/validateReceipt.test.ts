import { describe, expect, it } from 'vitest';
import type { Receipt } from '@tagrelay/core';
import { validateReceipt } from './validateReceipt';

const NOW = Date.UTC(2025, 5, 1, 12);
const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A valid receipt with every optional field. */
const full = (overrides: Record<string, unknown> = {}) => ({
  v: 1,
  consent_id: 'k3J9x_Qw-1',
  ts: NOW - 1000,
  choices: { necessary: true, analytics: true, marketing: false },
  vendors: { meta: false, tiktok: false, 'my-crm_2': true },
  rev: 3,
  lang: 'pl',
  text_hash: HASH,
  layer: 'preferences',
  action: 'save',
  gpc: false,
  page: 'https://shop.example/checkout',
  ...overrides,
});

/** The receipt without `key`. */
const without = (key: string) => {
  const receipt: Record<string, unknown> = full();
  delete receipt[key];
  return receipt;
};

/** The 400 error of a body, failing the test if the receipt was accepted. */
function errorOf(body: unknown) {
  const result = validateReceipt(typeof body == 'string' ? body : JSON.stringify(body), NOW);
  if ('receipt' in result) throw new Error(`accepted: ${JSON.stringify(body)}`);
  return result.error;
}

describe('validateReceipt', () => {
  it('accepts a complete receipt and keeps every field', () => {
    expect(validateReceipt(JSON.stringify(full()), NOW)).toEqual({ receipt: full() });
  });

  it('accepts a minimal receipt, adding necessary: true and keeping site categories', () => {
    const minimal: Record<string, unknown> = { ...without('vendors'), choices: { analytics: false, marketing: false, functional: true } };
    delete minimal.page;
    const result = validateReceipt(JSON.stringify(minimal), NOW);
    expect(result).toEqual({ receipt: { ...minimal, choices: { necessary: true, analytics: false, marketing: false, functional: true } } });
    expect(Object.keys((result as { receipt: Receipt }).receipt)).not.toContain('vendors');
  });

  it('stores the fields in Receipt order, whatever order they were sent in', () => {
    const reversed = Object.fromEntries(Object.entries(full()).reverse());
    const result = validateReceipt(JSON.stringify(reversed), NOW) as { receipt: Receipt };
    expect(JSON.stringify(result.receipt)).toBe(JSON.stringify(full()));
  });

  it.each([
    ['every layer', 'layer', ['banner', 'preferences', 'placeholder', 'api', 'gpc']],
    ['every action', 'action', ['accept_all', 'reject_all', 'save', 'withdraw', 'update', 'gpc_default', 'opt_out']],
    ['languages with subtags', 'lang', ['en', 'fil', 'pt-BR', 'zh-Hant-TW', 'es-419']],
    ['an http page', 'page', ['http://localhost:8080/', 'https://shop.example/p/1#reviews']],
  ])('accepts %s', (_, key, values) => {
    for (const value of values) expect(validateReceipt(JSON.stringify(full({ [key]: value })), NOW), String(value)).toHaveProperty('receipt');
  });

  it.each([
    ['an empty body', '', 'empty_body'],
    ['whitespace', ' \n', 'empty_body'],
    ['non-JSON', 'consent_id=abc', 'invalid_json'],
    ['truncated JSON', JSON.stringify(full()).slice(0, -2), 'invalid_json'],
    ['a JSON array', JSON.stringify([full()]), 'invalid_body'],
    ['JSON null', 'null', 'invalid_body'],
    ['a JSON string', '"receipt"', 'invalid_body'],
  ])('refuses %s with %s', (_, body, code) => {
    const error = errorOf(body);
    expect(error.code).toBe(code);
    expect(error.message).toBeTruthy();
  });

  it.each([
    ['a top-level __proto__', '{', '{"__proto__":{"polluted":1},', '__proto__'],
    ['a constructor in choices', '"choices":{', '"choices":{"constructor":true,', 'choices.constructor'],
    ['a prototype in vendors', '"vendors":{', '"vendors":{"prototype":true,', 'vendors.prototype'],
  ])('refuses %s (prototype keys), naming where', (_, find, replace, field) => {
    const error = errorOf(JSON.stringify(full()).replace(find, replace));
    expect(error).toEqual({ code: 'forbidden_key', message: `${field}: key is not allowed` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown fields, identifying ones included', () => {
    for (const key of ['ip', 'user_agent', 'anon_id', 'email', 'debug']) {
      expect(errorOf(full({ [key]: 'x' })), key).toEqual({ code: 'unknown_field', message: expect.stringMatching(new RegExp(`^${key}: unknown field`)) });
    }
    expect(errorOf(full({ ['k'.repeat(500)]: 1 })).message.length).toBeLessThan(250);
  });

  it.each([
    ['v', 2, 'unsupported_version'],
    ['v', '1', 'unsupported_version'],
    ['consent_id', 'has space', 'invalid_field'],
    ['consent_id', 'x'.repeat(65), 'invalid_field'],
    ['consent_id', 42, 'invalid_field'],
    ['ts', 1.5, 'invalid_field'],
    ['ts', String(NOW), 'invalid_field'],
    ['ts', Date.UTC(2019, 11, 31), 'invalid_field'],
    ['ts', NOW + 2 * 86_400_000, 'invalid_field'],
    ['choices', 'all', 'invalid_field'],
    ['choices', [true, true], 'invalid_field'],
    ['choices', null, 'invalid_field'],
    ['vendors', ['meta'], 'invalid_field'],
    ['vendors', 'meta', 'invalid_field'],
    ['rev', 0, 'invalid_field'],
    ['rev', -1, 'invalid_field'],
    ['rev', 1.5, 'invalid_field'],
    ['rev', '3', 'invalid_field'],
    ['rev', 2 ** 53, 'invalid_field'],
    ['lang', 'EN', 'invalid_field'],
    ['lang', 'e', 'invalid_field'],
    ['lang', 'en_US', 'invalid_field'],
    ['lang', 'en-', 'invalid_field'],
    ['lang', 'en-x-a', 'invalid_field'],
    ['lang', 7, 'invalid_field'],
    ['text_hash', 'Cookies help us deliver our services.', 'invalid_field'],
    ['text_hash', HASH.toUpperCase(), 'invalid_field'],
    ['text_hash', HASH.slice(1), 'invalid_field'],
    ['text_hash', `${HASH}0`, 'invalid_field'],
    ['layer', 'modal', 'invalid_field'],
    ['layer', 'Banner', 'invalid_field'],
    ['layer', 1, 'invalid_field'],
    ['action', 'accept', 'invalid_field'],
    ['action', 'close', 'invalid_field'],
    ['action', 'toString', 'invalid_field'],
    ['action', null, 'invalid_field'],
    ['gpc', 'false', 'invalid_field'],
    ['gpc', 1, 'invalid_field'],
    ['page', '/checkout', 'invalid_field'],
    ['page', 'javascript:alert(1)', 'invalid_field'],
    ['page', 'ftp://shop.example/', 'invalid_field'],
    ['page', `https://shop.example/${'a'.repeat(2048)}`, 'invalid_field'],
    ['page', 'https://shop.example/thanks?email=jane@example.com', 'invalid_field'],
    ['page', 'https://shop.example/thanks?', 'invalid_field'],
    ['page', 42, 'invalid_field'],
  ])('refuses %s = %j with %s, naming the field', (key, value, code) => {
    const error = errorOf(full({ [key]: value }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(new RegExp(`^${key}: `));
  });

  it.each([
    [{ analytics: true }, 'missing_field', 'choices.marketing'],
    [{ marketing: true }, 'missing_field', 'choices.analytics'],
    [{ necessary: false, analytics: true, marketing: true }, 'invalid_field', 'choices.necessary'],
    [{ analytics: 'yes', marketing: true }, 'invalid_field', 'choices.analytics'],
    [{ analytics: true, marketing: 1 }, 'invalid_field', 'choices.marketing'],
    [{ analytics: true, marketing: true, '': true }, 'invalid_field', 'choices.'],
    [{ analytics: true, marketing: true, ['c'.repeat(41)]: true }, 'invalid_field', 'choices.ccc'],
  ])('refuses choices %j', (choices, code, field) => {
    const error = errorOf(full({ choices }));
    expect(error.code).toBe(code);
    expect(error.message.startsWith(field)).toBe(true);
  });

  it.each([
    [{ Meta: true }, 'vendors.Meta'],
    [{ '1pixel': true }, 'vendors.1pixel'],
    [{ ['v'.repeat(33)]: true }, 'vendors.vvv'],
    [{ 'has space': true }, 'vendors.has space'],
    [{ meta: 'granted' }, 'vendors.meta'],
    [{ meta: null }, 'vendors.meta'],
  ])('refuses vendors %j', (vendors, field) => {
    const error = errorOf(full({ vendors }));
    expect(error.code).toBe('invalid_field');
    expect(error.message.startsWith(field)).toBe(true);
  });

  it('refuses a missing required field, naming it', () => {
    for (const key of ['consent_id', 'ts', 'choices', 'rev', 'lang', 'text_hash', 'layer', 'action', 'gpc']) {
      expect(errorOf(without(key)), key).toEqual({ code: 'missing_field', message: `${key}: required` });
    }
    expect(errorOf(without('v'))).toEqual({ code: 'unsupported_version', message: 'v: must be 1' });
  });

  it('never echoes a refused page URL (its query string may hold personal data)', () => {
    const error = errorOf(full({ page: 'https://shop.example/thanks?email=jane@example.com' }));
    expect(error.message).not.toContain('jane');
  });

  it('survives a body nested thousands of levels deep', () => {
    const text = JSON.stringify(full()).replace('"vendors":{', `"vendors":{"deep":${'['.repeat(3000)}${']'.repeat(3000)},`);
    expect(errorOf(text)).toMatchObject({ code: 'invalid_field' });
  });
});
