import { SHA256_HEX } from './limits';
import type { HashedUser, Problem, UserInput } from './types';

export type NormalizeOptions = {
  /** Calling code (digits, e.g. '48') for phone numbers written without one. */
  phoneCountryCode?: string;
};

type Key = keyof HashedUser;

/** Letters and digits of any script; everything else (spaces, punctuation, symbols) goes. */
const lettersAndDigits = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Phone digits with the country code, no `+`, no leading zeros (7–15 digits: E.164). */
function phoneDigits(raw: string, { phoneCountryCode }: NormalizeOptions): string | undefined {
  const s = raw.trim();
  let digits = s.replace(/\D/g, '');
  if (s.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (phoneCountryCode) {
    digits = phoneCountryCode + digits.replace(/^0+/, '');
  }
  digits = digits.replace(/^0+/, '');
  return /^\d{7,15}$/.test(digits) ? digits : undefined;
}

function birthdate(raw: string): string | undefined {
  const m = raw.trim().match(/^(\d{4})-?(\d{2})-?(\d{2})/);
  return m ? m[1]! + m[2] + m[3] : undefined;
}

/**
 * Normalises raw user data per the platforms' matching rules (PLATFORMS.md §1, §2, §4),
 * one field at a time: a bad value is reported and left out, the others stay.
 * Values that already look like SHA-256 hex are passed through as they are.
 */
export function normalizeUser(
  input: UserInput,
  options: NormalizeOptions = {},
): { values: Partial<Record<Key, string>>; hashed: Partial<Record<Key, string>>; problems: Problem[] } {
  const values: Partial<Record<Key, string>> = {};
  const hashed: Partial<Record<Key, string>> = {};
  const problems: Problem[] = [];
  const put = (key: Key, field: keyof UserInput, normalize: (s: string) => string | undefined) => {
    const raw = input[field];
    if (raw == null || raw === '') return;
    if (typeof raw != 'string') {
      problems.push({ code: 'invalid_user_field', message: `user.${field}: must be a string`, field });
      return;
    }
    const lower = raw.trim().toLowerCase();
    if (SHA256_HEX.test(lower)) {
      hashed[key] = lower;
      return;
    }
    const value = normalize(raw);
    if (value) values[key] = value;
    // The message never repeats the value: it is personal data.
    else problems.push({ code: 'invalid_user_field', message: `user.${field}: not a valid value`, field });
  };
  put('em', 'email', (s) => {
    const e = s.trim().toLowerCase();
    return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e) ? e : undefined;
  });
  put('ph', 'phone', (s) => phoneDigits(s, options));
  put('fn', 'first_name', (s) => lettersAndDigits(s) || undefined);
  put('ln', 'last_name', (s) => lettersAndDigits(s) || undefined);
  put('ge', 'gender', (s) => {
    const g = s.trim().toLowerCase()[0];
    return g == 'f' || g == 'm' ? g : undefined;
  });
  put('db', 'birthdate', birthdate);
  put('ct', 'city', (s) => lettersAndDigits(s) || undefined);
  put('st', 'state', (s) => lettersAndDigits(s) || undefined);
  put('zp', 'zip', (s) => s.toLowerCase().replace(/\s/g, '').split('-')[0] || undefined);
  put('country', 'country', (s) => {
    const c = s.trim().toLowerCase();
    return /^[a-z]{2}$/.test(c) ? c : undefined;
  });
  put('external_id', 'external_id', (s) => s.trim().toLowerCase() || undefined);
  // Meta hashes the phone without its `+`, Google and TikTok with it (PLATFORMS.md §4).
  if (values.ph) values.ph_e164 = '+' + values.ph;
  // A pre-hashed phone serves both forms: which one it was hashed from cannot be told.
  if (hashed.ph) hashed.ph_e164 = hashed.ph;
  return { values, hashed, problems };
}
