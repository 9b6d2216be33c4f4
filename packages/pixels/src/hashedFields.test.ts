import { describe, expect, it } from 'vitest';
import { hashedFields } from './hashedFields';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('hashedFields', () => {
  it('renames hashed values to the platform fields', () => {
    expect(hashedFields({ em: A, ph_e164: B }, { email: 'em', phone_number: 'ph_e164' })).toEqual({ email: A, phone_number: B });
  });

  it.each([
    ['a raw email', 'jan@example.com'],
    ['upper-case hex', 'A'.repeat(64)],
    ['63 hex characters', 'a'.repeat(63)],
    ['an empty string', ''],
  ])('leaves out %s and keeps the others (one bad value never drops the others)', (_, bad) => {
    expect(hashedFields({ em: bad, ph: B }, { em: 'em', ph: 'ph' })).toEqual({ ph: B });
  });

  it('leaves out missing fields and accepts no user', () => {
    expect(hashedFields({ em: A }, { em: 'em', fn: 'fn' })).toEqual({ em: A });
    expect(hashedFields(undefined, { em: 'em' })).toEqual({});
  });
});
