import { normalizeUser, type NormalizeOptions } from './normalizeUser';
import { sha256 } from './sha256';
import type { HashedUser, Problem, UserInput } from './types';

/**
 * Normalises and SHA-256 hashes user data in the browser. Raw values never
 * leave this function; a field that cannot be hashed is left out and reported.
 */
export async function hashUser(
  input: UserInput,
  options: NormalizeOptions = {},
  digest = sha256,
): Promise<{ user: HashedUser; problems: Problem[] }> {
  const { values, hashed, problems } = normalizeUser(input, options);
  const user: HashedUser = { ...hashed };
  await Promise.all(
    Object.entries(values).map(async ([key, value]) => {
      try {
        user[key as keyof HashedUser] = await digest(value!);
      } catch (e) {
        problems.push({ code: 'hash_failed', message: `user.${key}: ${(e as Error).message}` });
      }
    }),
  );
  return { user, problems };
}
