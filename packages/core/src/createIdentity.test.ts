import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentity } from './createIdentity';
import { memoryStore } from './stores';
import type { HashedUser } from './types';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('createIdentity', () => {
  it('chains: the identity after identify() includes it, merged with earlier data', async () => {
    const id = createIdentity(() => {}, {}, async () => memoryStore<HashedUser>());
    id.set({ email: 'a@b.co' }, false);
    id.set({ external_id: 'U1' }, false);
    expect(await id.current()).toEqual({ em: sha('a@b.co'), external_id: sha('u1') });
  });
  it('a forgotten identity does not come back from a hashing that was still under way', async () => {
    const store = memoryStore<HashedUser>();
    const id = createIdentity(() => {}, {}, async () => store);
    id.set({ email: 'a@b.co' }, true);
    id.clear(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.all()).toEqual([]);
    expect(await id.current()).toBeUndefined();
  });
  it('knows the settled value of the current identity synchronously, and nothing of a pending one', async () => {
    const id = createIdentity(() => {}, {}, async () => memoryStore<HashedUser>());
    id.set({ email: 'a@b.co' }, false);
    const pending = id.current();
    expect(id.known(pending)).toBeUndefined();
    await pending;
    expect(id.known(pending)).toEqual({ em: sha('a@b.co') });
  });
});
