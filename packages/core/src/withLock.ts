/**
 * Runs `fn` only if no other tab of this origin holds the named Web Lock, so
 * one tab flushes the shared outbox at a time. Resolves false when another tab
 * has it. Where Web Locks are missing, `fn` runs anyway: two tabs may then
 * send the same event, and the endpoint keeps it once by its id.
 */
export async function withLock(
  name: string,
  fn: () => Promise<void>,
  locks: LockManager | undefined = typeof navigator != 'undefined' ? navigator.locks : undefined,
): Promise<boolean> {
  if (!locks) return fn().then(() => true);
  return locks.request(name, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await fn();
    return true;
  });
}
