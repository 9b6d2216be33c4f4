import type { HashedUser } from '../../core/src/types';

// core's SHA256_HEX, written here: this module goes into the router's chunk (rollup.config.mjs),
// and a manual chunk takes its modules' imports along, the runtime's limits included.
const SHA256_HEX = /^[a-f0-9]{64}$/;

/**
 * A user's hashed values under a platform's own field names. Only SHA-256 hex
 * strings are passed on: a bad value is left out alone, never the whole set
 * (PLATFORMS.md §6, "one invalid phone failing a whole batch").
 *
 * @example hashedFields({ em: 'a665…', ph: 'bad' }, { email: 'em', phone_number: 'ph' }) // { email: 'a665…' }
 */
export function hashedFields<K extends string>(user: HashedUser | undefined, fields: { [out in K]: keyof HashedUser }): { [out in K]?: string } {
  const out: { [out in K]?: string } = {};
  for (const key in fields) {
    const value = user?.[fields[key]];
    if (typeof value == 'string' && SHA256_HEX.test(value)) out[key] = value;
  }
  return out;
}
