import { createFlusher, type Flusher, type FlusherOptions } from './createFlusher';
import { createOutbox, type Outbox, type OutboxGroup, type OutboxOptions } from './outbox';
import type { KeyValueStore } from './stores';
import type { WireEvent } from './types';
import { FLUSH_LOCK, withLock } from './withLock';

export type Delivery = {
  outbox: Outbox;
  flusher: Flusher;
  /** Rewrites the outbox for a withdrawal, after any flush pass under way in any tab. */
  purge(change: (e: WireEvent) => WireEvent | undefined): Promise<unknown>;
};

/**
 * The outbox and the batch loop, together. A chunk of its own: a visitor who
 * has not allowed sending (or refused) never downloads it, and nothing is
 * stored before consent.
 */
export function createDelivery(
  { outbox: options = {}, ...flusher }: Omit<FlusherOptions, 'outbox'> & { outbox?: OutboxOptions },
  store: KeyValueStore<OutboxGroup>,
  create: typeof createFlusher = createFlusher,
): Delivery {
  const outbox = createOutbox(options, flusher.report, store);
  return {
    outbox,
    flusher: create({ ...flusher, outbox }),
    // Waits for the lock: a pass removing acknowledged events from its cached groups
    // must not write withdrawn fields back after the purge.
    purge: (change) => withLock(FLUSH_LOCK, () => outbox.rewrite(change), undefined, true),
  };
}
