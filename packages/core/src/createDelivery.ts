import { createFlusher, type Flusher, type FlusherOptions } from './createFlusher';
import { createOutbox, type Outbox, type OutboxGroup, type OutboxOptions } from './outbox';
import type { KeyValueStore } from './stores';

export type Delivery = { outbox: Outbox; flusher: Flusher };

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
  return { outbox, flusher: create({ ...flusher, outbox }) };
}
