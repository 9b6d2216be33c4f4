import { memoryStore, type KeyValueStore } from './stores';
import type { Problem, WireEvent } from './types';

/** An event as kept in the outbox, with its serialised form so it is encoded once. */
export type OutboxEntry = { e: WireEvent; json: string };

export type OutboxOptions = {
  maxEvents?: number;
  /** Bytes of serialised events, approximately (UTF-16 length). */
  maxBytes?: number;
  maxAgeMs?: number;
  /** How long the store may take to answer at all before the outbox uses memory instead. */
  timeoutMs?: number;
};

export type Outbox = {
  /** Stores events before any send. */
  add(entries: OutboxEntry[]): Promise<void>;
  /** Every stored event, oldest first, after evicting what is over the bounds. */
  take(): Promise<OutboxEntry[]>;
  /** Removes events once the endpoint acknowledged them (or refused them for good). */
  remove(ids: string[]): Promise<void>;
  /** Rewrites stored events (`undefined` deletes one): consent withdrawal purges fields. */
  rewrite(change: (e: WireEvent) => WireEvent | undefined): Promise<void>;
  /** Events evicted since the last call, and resets the count. */
  takeEvicted(): number;
};

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`storage did not answer in ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });

/**
 * The durable outbox: every event is written here before any send and removed
 * only after a 2xx. Bounded by count, bytes and age; the oldest go first and
 * are counted. When the store fails (private modes, quota, no IndexedDB) it
 * moves to memory once, with one warning, and tracking goes on.
 */
export function createOutbox(
  { maxEvents = 1000, maxBytes = 2_000_000, maxAgeMs = 7 * 86_400_000, timeoutMs = 5000 }: OutboxOptions,
  report: (p: Problem) => void,
  store: KeyValueStore<OutboxEntry> = memoryStore(),
  now = Date.now,
): Outbox {
  let evicted = 0;
  let fallback: KeyValueStore<OutboxEntry> | undefined;
  let answered = false;

  const run = async <T>(op: (s: KeyValueStore<OutboxEntry>) => Promise<T>): Promise<T> => {
    if (!fallback) {
      try {
        // Only a store that never answered is given up on for slowness (some browsers hang
        // opening IndexedDB); once it has answered, a slow call under load is waited for.
        const result = await (answered ? op(store) : withTimeout(op(store), timeoutMs));
        answered = true;
        return result;
      } catch (e) {
        fallback = memoryStore();
        report({
          code: 'storage_unavailable',
          message: `IndexedDB failed (${(e as Error)?.message || e}); events are kept in memory for this page`,
          level: 'warn',
        });
      }
    }
    return op(fallback);
  };

  return {
    add: (entries) => run((s) => s.put(entries.map((x) => [x.e.id, x]))),
    async take() {
      const all = (await run((s) => s.all())).map(([, x]) => x).sort((a, b) => a.e.ts - b.e.ts);
      const tooOld = now() - maxAgeMs;
      let bytes = all.reduce((n, x) => n + x.json.length, 0);
      let drop = 0;
      while (drop < all.length && (all.length - drop > maxEvents || bytes > maxBytes || all[drop]!.e.ts < tooOld)) {
        bytes -= all[drop++]!.json.length;
      }
      if (drop) {
        evicted += drop;
        await run((s) => s.del(all.slice(0, drop).map((x) => x.e.id)));
        report({ code: 'outbox_evicted', message: `${drop} oldest events evicted: outbox over its bounds`, count: drop });
      }
      return all.slice(drop);
    },
    remove: (ids) => run((s) => s.del(ids)),
    async rewrite(change) {
      const all = await run((s) => s.all());
      const put: [string, OutboxEntry][] = [];
      const del: string[] = [];
      for (const [k, x] of all) {
        const e = change(x.e);
        if (!e) del.push(k);
        else if (e != x.e) put.push([k, { e, json: JSON.stringify(e) }]);
      }
      await run((s) => Promise.all([s.put(put), s.del(del)]));
    },
    takeEvicted() {
      const n = evicted;
      evicted = 0;
      return n;
    },
  };
}
