/** The Web Lock that one tab at a time holds to flush (or purge) the shared outbox. */
export const FLUSH_LOCK = 'tagrelay-flush';

/**
 * Runs `fn` only if no other tab of this origin holds the named Web Lock, so
 * one tab flushes the shared outbox at a time. Resolves false when another tab
 * has it; with `wait`, waits for it instead (a consent purge must not be
 * overwritten by a flush pass under way in another tab). Where Web Locks are missing, `fn` runs anyway: two tabs may then
 * send the same event, and the endpoint keeps it once by its id.
 */
export async function withLock(
  name: string,
  fn: () => Promise<void>,
  locks: LockManager | undefined = typeof navigator != 'undefined' ? navigator.locks : undefined,
  wait = false,
): Promise<boolean> {
  if (!locks) return fn().then(() => true);
  return locks.request(name, wait ? {} : { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await fn();
    return true;
  });
}
