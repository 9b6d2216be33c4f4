import { clear, createStore, delMany, entries, getMany, keys, setMany, type UseStore } from 'idb-keyval';

/** The few operations the outbox needs from its storage. */
export type KeyValueStore<V> = {
  put(items: [string, V][]): Promise<void>;
  all(): Promise<[string, V][]>;
  /** Keys only: nothing is deserialised. */
  keys(): Promise<string[]>;
  /** Values of these keys (undefined where gone). */
  getMany(keys: string[]): Promise<(V | undefined)[]>;
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
    keys: async () => keys<string>(use()),
    getMany: async (list) => getMany<V>(list, use()),
    del: async (list) => delMany(list, use()),
    clear: async () => clear(use()),
  };
}

/** A store in memory: the fallback where IndexedDB is unavailable, and the store of unit tests. */
export function memoryStore<V>(map = new Map<string, V>()): KeyValueStore<V> {
  return {
    put: async (items) => void items.forEach(([k, v]) => map.set(k, v)),
    all: async () => [...map],
    keys: async () => [...map.keys()],
    getMany: async (list) => list.map((k) => map.get(k)),
    del: async (keys) => void keys.forEach((k) => map.delete(k)),
    clear: async () => map.clear(),
  };
}
