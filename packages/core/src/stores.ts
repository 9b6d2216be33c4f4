import { createStore, delMany, entries, setMany, clear, type UseStore } from 'idb-keyval';

/** The few operations the outbox needs from its storage. */
export type KeyValueStore<V> = {
  put(items: [string, V][]): Promise<void>;
  all(): Promise<[string, V][]>;
  del(keys: string[]): Promise<void>;
  clear(): Promise<void>;
};

/**
 * A store in IndexedDB, through idb-keyval. One database per store: idb-keyval
 * opens a database with a single object store and no version upgrades.
 */
export function idbStore<V>(dbName: string): KeyValueStore<V> {
  let store: UseStore | undefined;
  // createStore calls indexedDB.open at once, which throws where IndexedDB is missing.
  const use = () => (store ||= createStore(dbName, 'kv'));
  return {
    put: async (items) => setMany(items, use()),
    all: async () => entries<string, V>(use()),
    del: async (keys) => delMany(keys, use()),
    clear: async () => clear(use()),
  };
}

/** A store in memory: the fallback where IndexedDB is unavailable, and the store of unit tests. */
export function memoryStore<V>(map = new Map<string, V>()): KeyValueStore<V> {
  return {
    put: async (items) => void items.forEach(([k, v]) => map.set(k, v)),
    all: async () => [...map],
    del: async (keys) => void keys.forEach((k) => map.delete(k)),
    clear: async () => map.clear(),
  };
}
