import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashUser } from './hashUser';
import { normalizeUser } from './normalizeUser';
import { sha256 } from './sha256';

const oracle = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hashes UTF-8, not UTF-16', async () => {
    expect(await sha256('zażółć')).toBe(oracle('zażółć'));
  });
  it('refuses to work without SubtleCrypto rather than return something unhashed', async () => {
    await expect(sha256('a@b.co', null)).rejects.toThrow(/SubtleCrypto/);
  });
});

describe('normalizeUser', () => {
  const n = (input: Parameters<typeof normalizeUser>[0], o = {}) => normalizeUser(input, o).values;
  it('trims and lowercases emails', () => {
    expect(n({ email: '  John.Doe+Shop@Example.COM ' }).em).toBe('john.doe+shop@example.com');
  });
  it('keeps every dot of an email (no partial gmail rewriting)', () => {
    expect(n({ email: 'a.b.c@gmail.com' }).em).toBe('a.b.c@gmail.com');
  });
  it('gives phones with and without the + (Meta drops it, Google and TikTok keep it)', () => {
    expect(n({ phone: '+48 600-100-200' })).toMatchObject({ ph: '48600100200', ph_e164: '+48600100200' });
    expect(n({ phone: '0048 600 100 200' }).ph).toBe('48600100200');
    expect(n({ phone: '600 100 200' }, { phoneCountryCode: '48' }).ph).toBe('48600100200');
    expect(n({ phone: '0600 100 200' }, { phoneCountryCode: '48' }).ph).toBe('48600100200');
  });
  it('strips spaces and punctuation from names, keeps letters of any script', () => {
    expect(n({ first_name: ' Mary-Jane ', last_name: "O'Brien Żak" })).toMatchObject({ fn: 'maryjane', ln: 'obrienżak' });
  });
  it('normalises city, state, zip, country, gender and birthdate', () => {
    expect(
      n({ city: 'New York', state: 'CA', zip: '94035-1234', country: 'PL', gender: 'Female', birthdate: '1990-02-07' }),
    ).toEqual({ ct: 'newyork', st: 'ca', zp: '94035', country: 'pl', ge: 'f', db: '19900207' });
    expect(n({ zip: 'SW1A 1AA' }).zp).toBe('sw1a1aa');
  });
  it('reports a bad value without dropping the good ones, and never repeats the value', () => {
    const r = normalizeUser({ email: 'ok@example.com', phone: '12', country: 'Poland' });
    expect(r.values.em).toBe('ok@example.com');
    expect(r.values.ph).toBeUndefined();
    expect(r.problems.map((p) => p.field)).toEqual(['phone', 'country']);
    expect(JSON.stringify(r.problems)).not.toMatch(/Poland|"12"/);
  });
  it('passes already hashed values through instead of hashing them twice', () => {
    const h = oracle('x@y.zz');
    const r = normalizeUser({ email: h.toUpperCase(), phone: h });
    expect(r.values).toEqual({});
    expect(r.hashed).toEqual({ em: h, ph: h, ph_e164: h });
  });
  it('reports non-string values', () => {
    const r = normalizeUser({ email: 42 as unknown as string });
    expect(r.problems[0]).toMatchObject({ code: 'invalid_user_field', field: 'email' });
  });
});

describe('hashUser', () => {
  it('hashes every normalised field with SHA-256, and keeps no raw value', async () => {
    const { user, problems } = await hashUser({ email: ' Test@Example.com', phone: '+48 600 100 200', first_name: 'Jan', city: 'Kraków' });
    expect(problems).toEqual([]);
    expect(user).toEqual({
      em: '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b',
      ph: oracle('48600100200'),
      ph_e164: oracle('+48600100200'),
      fn: oracle('jan'),
      ct: oracle('kraków'),
    });
    expect(JSON.stringify(user)).not.toMatch(/example|600100200|jan|krak/i);
  });
  it('leaves out a field whose hashing fails and reports it', async () => {
    const digest = async (s: string) => {
      if (s.includes('@')) throw new Error('boom');
      return oracle(s);
    };
    const { user, problems } = await hashUser({ email: 'a@b.co', external_id: 'U1' }, {}, digest);
    expect(user).toEqual({ external_id: oracle('u1') });
    expect(problems[0]).toMatchObject({ code: 'hash_failed' });
  });
});
