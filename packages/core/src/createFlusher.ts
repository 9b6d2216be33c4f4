import { backoffDelay } from './backoff';
import { chunkBatches, type Batch } from './chunkBatches';
import { createKeepaliveBudget } from './keepaliveBudget';
import type { Outbox, OutboxEntry } from './outbox';
import { classify, send, type Outcome } from './transport';
import type { Problem } from './types';
import { FLUSH_LOCK, withLock } from './withLock';

export type FlusherOptions = {
  /** `{endpoint}/e` */
  url: string;
  outbox: Outbox;
  report: (p: Problem) => void;
  /** Events the endpoint acknowledged or refused for good: they leave the tab's memory too. */
  settled: (ids: string[]) => void;
  /** Delay before another look when another tab holds the flush lock. */
  lockRetryMs?: number;
  /** Told the ids the outbox holds at each pass (what is gone was delivered elsewhere or evicted). */
  taken?: (present: Set<string>) => void;
  /** Whether consent still allows sending: checked before every batch, as a pass may outlive a withdrawal. */
  canSend?: () => boolean;
};

export type Flusher = {
  /** Sends what the outbox holds. `force` ignores a running backoff (an explicit flush()). */
  flush(force?: boolean): Promise<void>;
  /** Sends these entries at once, synchronously, for a page that is being hidden or left. */
  sendNow(entries: OutboxEntry[], unloading: boolean): void;
  /** Asks for a flush in `delayMs`, not before a running backoff ends. */
  schedule(delayMs: number): void;
  /** Forgets beacons of a page restored from the back/forward cache, so they are sent again. */
  resetBeacons(): void;
};

/**
 * The batch loop: takes the outbox under a Web Lock, chunks it, sends batch by
 * batch and acts on each answer (ARCHITECTURE.md: at-least-once from the
 * browser, exactly-once at the endpoint by event id).
 */
export function createFlusher(
  { url, outbox, report, settled, lockRetryMs = 3000, taken = () => {}, canSend = () => true }: FlusherOptions,
  deps = { send, lock: withLock, now: Date.now, random: Math.random, online: () => navigator.onLine !== false },
): Flusher {
  const budget = createKeepaliveBudget();
  const inFlight = new Set<string>();
  const beaconed = new Set<string>();
  let attempt = 0;
  let retryAt = 0;
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = 0;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  /** Not already on its way from this page. */
  const unsent = (x: OutboxEntry) => !inFlight.has(x.id) && !beaconed.has(x.id);

  const schedule = (delayMs: number) => {
    const at = Math.max(deps.now() + delayMs, retryAt);
    if (timer && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, at - deps.now());
  };

  const finish = async (ids: string[]) => {
    await outbox.remove(ids);
    settled(ids);
  };

  async function sendBatch(batch: Batch, unloading = false): Promise<Outcome> {
    for (const id of batch.ids) inFlight.add(id);
    const r = await deps.send(url, batch.body, batch.bytes, { unloading, budget });
    const outcome = classify(r, batch.ids.length);
    for (const id of batch.ids) {
      inFlight.delete(id);
      if (outcome == 'unknown') beaconed.add(id);
    }
    const status = r.status;
    if (outcome == 'ok') {
      attempt = 0;
      dropped -= batch.dropped;
      for (const { index, code, message } of (r.status != 'beacon' && r.result?.rejected) || []) {
        report({ code: 'event_rejected', message: `endpoint rejected event ${batch.ids[index]}: ${code}: ${message}`, id: batch.ids[index], reason: code });
      }
      await finish(batch.ids);
    } else if (outcome == 'drop') {
      report({ code: 'batch_rejected', message: `endpoint answered ${status}: ${batch.ids.length} events dropped`, status, count: batch.ids.length });
      await finish(batch.ids);
    } else if (outcome == 'split') {
      // 413: the endpoint's limit is lower than ours; halve until it fits.
      const half = Math.ceil(batch.events.length / 2);
      for (const b of chunkBatches(batch.events, { maxEvents: half, dropped: batch.dropped }).batches) {
        if ((await sendBatch(b, unloading)) == 'retry') return 'retry';
      }
    } else if (outcome == 'retry') {
      attempt++;
      const delay = (status != 'beacon' && (r as { retryAfterMs?: number }).retryAfterMs) || backoffDelay(attempt, {}, deps.random);
      retryAt = deps.now() + delay;
      schedule(delay);
    }
    return outcome;
  }

  async function run(force: boolean) {
    // Offline: nothing to do until the tracker's `online` listener calls again (no polling timer).
    if (!deps.online()) return;
    if (!force && deps.now() < retryAt) return schedule(0);
    const got = await deps.lock(FLUSH_LOCK, async () => {
      const entries = await outbox.take();
      dropped += outbox.takeEvicted();
      taken(new Set(entries.map((x) => x.id)));
      const { batches, oversize } = chunkBatches(entries.filter(unsent), { dropped });
      if (oversize.length) {
        report({ code: 'event_too_large', message: `${oversize.length} events too large to send: dropped`, count: oversize.length });
        await finish(oversize);
      }
      for (const b of batches) {
        if (!canSend() || (await sendBatch(b)) == 'retry') break;
      }
    });
    if (!got) schedule(lockRetryMs);
  }

  /**
   * One pass at a time. A call during a pass gets the next pass, which starts
   * after it and so sees what was stored before the call; calls meanwhile share it.
   */
  function flush(force = false): Promise<void> {
    if (running) {
      return (next ||= running.then(() => {
        next = undefined;
        return flush(force);
      }));
    }
    running = run(force)
      .catch((e) => report({ code: 'flush_failed', message: String(e) }))
      .finally(() => (running = undefined));
    return running;
  }

  return {
    flush,
    schedule,
    sendNow(entries, unloading) {
      for (const b of chunkBatches(entries.filter(unsent)).batches) {
        sendBatch(b, unloading).catch(() => {});
      }
    },
    resetBeacons: () => beaconed.clear(),
  };
}
