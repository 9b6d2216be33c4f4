import { createId } from './createId';
import { entryOf } from './entryOf';
import { limits } from './limits';
import { memoryStore, type KeyValueStore } from './stores';
import type { Problem, WireEvent } from './types';

/** An event as kept in the outbox: its id, time and serialised form (encoded once). */
export type OutboxEntry = { id: string; ts: number; json: string };

/**
 * Events are stored in groups of up to one batch: a 1,000-event burst is 20
 * IndexedDB writes, not 1,000, and an acknowledged batch is usually one delete.
 */
export type OutboxGroup = OutboxEntry[];

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
  store: KeyValueStore<OutboxGroup> = memoryStore(),
  now = Date.now,
): Outbox {
  let evicted = 0;
  let fallback: KeyValueStore<OutboxGroup> | undefined;
  let answered = false;
  /** The groups as last read or written, to know where an event lives when it is removed. */
  const groups = new Map<string, OutboxGroup>();
  const groupOf = new Map<string, string>();
  const remember = (key: string, group: OutboxGroup) => {
    groups.set(key, group);
    for (const x of group) groupOf.set(x.id, key);
  };
  const forget = (key: string) => {
    for (const x of groups.get(key) || []) if (groupOf.get(x.id) == key) groupOf.delete(x.id);
    groups.delete(key);
  };
  /** Replaces groups: the changed ones under new keys, the old keys deleted. */
  const replace = async (changes: [string, OutboxGroup][]) => {
    const put: [string, OutboxGroup][] = [];
    for (const [, group] of changes) if (group.length) put.push([createId(), group]);
    const del = changes.map(([key]) => key);
    await run((s) => Promise.all([put.length && s.put(put), del.length && s.del(del)]));
    del.forEach(forget);
    for (const [key, group] of put) remember(key, group);
  };

  const run = async <T>(op: (s: KeyValueStore<OutboxGroup>) => Promise<T>): Promise<T> => {
    if (!fallback) {
      try {
        // Only a store that never answered is given up on for slowness (some browsers hang
        // opening IndexedDB); once it has answered, a slow call under load is waited for.
        const result = await (answered ? op(store) : withTimeout(op(store), timeoutMs));
        answered = true;
        return result;
      } catch (e) {
        fallback = memoryStore();
        // What this page knows it stored goes along; earlier pages' events wait in IndexedDB.
        await fallback.put([...groups]);
        report({
          code: 'storage_unavailable',
          message: `IndexedDB failed (${(e as Error)?.message || e}); events are kept in memory for this page`,
          level: 'warn',
        });
      }
    }
    return op(fallback);
  };

  /**
   * Every stored event. A group never changes under its key (a partial removal or a
   * rewrite stores a new key), so the groups this tab already knows are not read back:
   * only keys are listed, and only other tabs' groups are fetched.
   */
  const readAll = async () => {
    const keys = new Set(await run((s) => s.keys()));
    for (const key of groups.keys()) if (!keys.has(key)) forget(key);
    const unknown = [...keys].filter((k) => !groups.has(k));
    const fetched = unknown.length ? await run((s) => s.getMany(unknown)) : [];
    unknown.forEach((key, i) => fetched[i] && remember(key, fetched[i]!));
    return [...groups.values()].flat().sort((a, b) => a.ts - b.ts);
  };

  /** Drops ids from their groups: a group left empty is deleted, a changed one rewritten. */
  const remove = async (ids: string[]) => {
    const touched = new Map<string, Set<string>>();
    for (const id of ids) {
      const key = groupOf.get(id);
      if (key) touched.set(key, (touched.get(key) || new Set()).add(id));
      groupOf.delete(id);
    }
    await replace([...touched].map(([key, gone]) => [key, groups.get(key)!.filter((x) => !gone.has(x.id))]));
  };

  return {
    async add(entries) {
      const put: [string, OutboxGroup][] = [];
      for (let i = 0; i < entries.length; i += limits.batchMaxEvents) {
        const group = entries.slice(i, i + limits.batchMaxEvents);
        // A key of its own: an event id may be reused (options.id) and must not replace another group.
        put.push([createId(), group]);
      }
      await run((s) => s.put(put));
      for (const [key, group] of put) remember(key, group);
    },
    async take() {
      const all = await readAll();
      const tooOld = now() - maxAgeMs;
      let bytes = all.reduce((n, x) => n + x.json.length, 0);
      let drop = 0;
      while (drop < all.length && (all.length - drop > maxEvents || bytes > maxBytes || all[drop]!.ts < tooOld)) {
        bytes -= all[drop++]!.json.length;
      }
      if (drop) {
        evicted += drop;
        await remove(all.slice(0, drop).map((x) => x.id));
        report({ code: 'outbox_evicted', message: `${drop} oldest events evicted: outbox over its bounds`, count: drop });
      }
      return all.slice(drop);
    },
    remove,
    async rewrite(change) {
      await readAll();
      // Every group is replaced (emptied ones deleted): nothing withdrawn stays on disk.
      await replace(
        [...groups].map(([key, group]) => [
          key,
          group.flatMap((x) => {
            const e = change(JSON.parse(x.json));
            return e ? [entryOf(e)] : [];
          }),
        ]),
      );
    },
    takeEvicted() {
      const n = evicted;
      evicted = 0;
      return n;
    },
  };
}
