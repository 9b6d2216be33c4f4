import { createRequire } from 'node:module';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashUser } from './hashUser';
import { sha256 } from './sha256';

// Meta's own server-side SDK as the oracle (issue 4): its ServerSideUtils.normalizeAndHash is how
// Meta normalises user data for the Conversions API; our browser hashing must give the same digests.
const { ServerSideUtils } = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as {
  ServerSideUtils: { normalizeAndHash(input: string, field: string): string | null };
};
const digest = (text: string) => sha256(text, webcrypto.subtle as SubtleCrypto);

describe("hashUser agrees with Meta's normalizeAndHash", () => {
  it.each([
    ['email, spaces and capitals', { email: '  Ada.Lovelace@Example.COM ' }, 'em', '  Ada.Lovelace@Example.COM '],
    ['email with plus addressing', { email: 'ada+shop@example.com' }, 'em', 'ada+shop@example.com'],
    ['phone with + and punctuation', { phone: '+48 (600) 123-456' }, 'ph', '+48 (600) 123-456'],
    ['phone with 00 international prefix', { phone: '0048 600 123 456' }, 'ph', '0048 600 123 456'],
    ['city with spaces and capitals', { city: 'New York' }, 'ct', 'New York'],
    ['city with a hyphen and dots', { city: 'Stratford-upon-Avon.' }, 'ct', 'Stratford-upon-Avon.'],
    ['zip with spaces', { zip: ' 31-042 ' }, 'zp', ' 31-042 '],
    ['US zip+4', { zip: '94025-1234' }, 'zp', '94025-1234'],
    ['country upper case', { country: 'PL' }, 'country', 'PL'],
    ['state', { state: 'CA' }, 'st', 'CA'],
  ] as const)('%s', async (_, input, field, raw) => {
    const { user, problems } = await hashUser(input, {}, digest);
    expect(problems).toEqual([]);
    expect(user[field]).toBe(ServerSideUtils.normalizeAndHash(raw, field));
  });

  it('an already hashed value passes through unhashed, as with Meta', async () => {
    const hashed = 'a'.repeat(64);
    const { user } = await hashUser({ email: hashed }, {}, digest);
    expect(user.em).toBe(ServerSideUtils.normalizeAndHash(hashed, 'em'));
    expect(user.em).toBe(hashed);
  });
});
