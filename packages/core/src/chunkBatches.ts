import { deliveryLimits } from './deliveryLimits';
import { limits } from './limits';
import { utf8Length } from './utf8Length';

/** An event ready to send: its id and its JSON. */
export type Encoded = { id: string; json: string };

/** A request body, the events in it, and the eviction count it reports. */
export type Batch = { events: Encoded[]; ids: string[]; body: string; bytes: number; dropped: number };

export type ChunkOptions = { maxEvents?: number; maxBytes?: number; dropped?: number };

const envelope = (parts: string[], dropped: number) =>
  `{"v":1,"events":[${parts.join(',')}]${dropped ? `,"dropped":${dropped}` : ''}}`;

/**
 * Splits events, in order, into request bodies of at most `maxEvents` events
 * and `maxBytes` bytes (CONTRACT.md §4). An event too large for any body is
 * returned apart so the caller can drop and report it instead of retrying it.
 * `dropped` (evictions to report) rides on the first body.
 */
export function chunkBatches(
  events: Encoded[],
  { maxEvents = limits.batchMaxEvents, maxBytes = deliveryLimits.batchMaxBytes, dropped = 0 }: ChunkOptions = {},
): { batches: Batch[]; oversize: string[] } {
  const batches: Batch[] = [];
  const oversize: string[] = [];
  const room = maxBytes - utf8Length(envelope([], 0)) - 24; // 24: room for `"dropped":n`
  let batch: Encoded[] = [];
  let bytes = 0;
  const close = () => {
    if (!batch.length) return;
    const reported = batches.length ? 0 : dropped;
    const body = envelope(batch.map((e) => e.json), reported);
    batches.push({ events: batch, ids: batch.map((e) => e.id), body, bytes: utf8Length(body), dropped: reported });
    batch = [];
    bytes = 0;
  };
  for (const e of events) {
    const size = utf8Length(e.json) + 1;
    if (size > room) {
      oversize.push(e.id);
      continue;
    }
    if (batch.length >= maxEvents || bytes + size > room) close();
    batch.push(e);
    bytes += size;
  }
  close();
  return { batches, oversize };
}
