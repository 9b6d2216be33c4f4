export type Emitter<Events> = {
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
};

/**
 * A tiny event emitter. A listener that throws is the site's bug: it is
 * isolated so it cannot break tracking or the other listeners.
 */
export function createEmitter<Events>(onListenerError: (e: unknown) => void = () => {}): Emitter<Events> {
  const all = new Map<keyof Events, Set<(p: never) => void>>();
  return {
    on(name, listener) {
      const set = all.get(name) || new Set();
      all.set(name, set);
      set.add(listener as (p: never) => void);
      return () => void set.delete(listener as (p: never) => void);
    },
    emit(name, payload) {
      const set = all.get(name);
      if (!set?.size) return; // the common case, on every track(): nobody listens
      for (const l of set) {
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
  };
}
