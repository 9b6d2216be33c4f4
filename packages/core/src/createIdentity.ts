import type { NormalizeOptions } from './normalizeUser';
import type { KeyValueStore } from './stores';
import type { HashedUser, Problem, UserInput } from './types';

export type Identity = {
  /** The hashed user as it will be once every earlier identify() is hashed. */
  current(): Promise<HashedUser | undefined>;
  /** What a promise from current() gave, when it is the latest to have settled; else undefined. */
  known(of: Promise<HashedUser | undefined>): HashedUser | undefined;
  /** Hashes and merges new user data; `null` forgets the user. `persist` keeps it for later pages. */
  set(input: UserInput | null, persist: boolean): void;
  /** Loads the user kept from an earlier page, and the hashing chunk (marketing consent only). */
  load(): void;
  /** Forgets the user in memory and, when `stored`, in storage (logout, consent withdrawn). */
  clear(stored: boolean): void;
};

const KEY = 'user';

/**
 * The visitor's hashed identity. Hashing is asynchronous, yet a track() right
 * after identify() must carry it: each call chains on the previous one, and
 * events hold the promise of the identity as it stood when they were tracked.
 */
export function createIdentity(
  report: (p: Problem) => void,
  options: NormalizeOptions,
  store: () => Promise<KeyValueStore<HashedUser>>,
): Identity {
  let user: Promise<HashedUser | undefined>;
  let settled: { of: typeof user; value: HashedUser | undefined } | undefined;
  // One reaction per identity change, none per event: a page being left reads the value synchronously.
  const become = (next: typeof user) => {
    user = next;
    next.then((value) => (settled = { of: next, value }), () => {});
  };
  become(Promise.resolve(undefined));
  const quietly = (op: (s: KeyValueStore<HashedUser>) => Promise<unknown>) =>
    store().then(op).catch((e) => report({ code: 'storage_failed', message: String(e), level: 'warn' }));
  const clear = (stored: boolean) => {
    become(Promise.resolve(undefined));
    if (stored) quietly((s) => s.clear());
  };
  return {
    current: () => user,
    known: (of) => (settled?.of == of ? settled.value : undefined),
    set(input, persist) {
      if (input === null) return clear(persist);
      if (typeof input != 'object') {
        report({ code: 'invalid_user', message: 'identify() takes an object of user fields' });
        return;
      }
      const next: typeof user = user.then(async (previous) => {
        // Hashing is a chunk of its own: only pages that identify visitors load it.
        const { hashUser } = await import('./hashUser');
        const { user: hashed, problems } = await hashUser(input, options);
        problems.forEach(report);
        const merged = { ...previous, ...hashed };
        // Not if the visitor was forgotten meanwhile (consent withdrawn, logout): nothing comes back.
        if (persist && user == next) quietly((s) => s.put([[KEY, merged]]));
        return merged;
      });
      become(next);
    },
    load() {
      // With marketing consent a page may identify its visitor: have the hashing
      // chunk ready, so a purchase right before a navigation is not left waiting for it.
      import('./hashUser').catch(() => {});
      become(user.then(async (previous) => {
        const kept = await store()
          .then((s) => s.all())
          .then((all) => all.find(([k]) => k == KEY)?.[1], () => undefined);
        return kept || previous ? { ...kept, ...previous } : undefined;
      }));
    },
    clear,
  };
}
