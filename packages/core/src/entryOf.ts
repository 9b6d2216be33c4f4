import type { OutboxEntry } from './outbox';
import type { WireEvent } from './types';

/**
 * The outbox entry of an event: serialised here, once. A file of its own so the
 * runtime chunk can use it without pulling in the outbox.
 */
export const entryOf = (e: WireEvent): OutboxEntry => ({ id: e.id, ts: e.ts, json: JSON.stringify(e) });
