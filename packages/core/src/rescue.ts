import type { WireEvent } from './types';

const PREFIX = 'tagrelay:rescue:';

/**
 * The last resort of a page being hidden or left: events not yet confirmed in
 * IndexedDB are written synchronously to localStorage (an IndexedDB write still
 * in flight may be aborted with the page). The next page moves them into the
 * outbox. Only ever called with consent to store; never on the track() path.
 */
export function saveRescue(pageId: string, events: WireEvent[], storage: Storage | undefined = globalThis.localStorage): void {
  try {
    if (events.length) storage?.setItem(PREFIX + pageId, JSON.stringify(events));
    else storage?.removeItem(PREFIX + pageId);
  } catch {
    // storage blocked or full: the beacon is then the only way out
  }
}

/** Takes (and deletes) what pages rescued, but for the page `except` (the caller itself). */
export function takeRescued(except = '', storage: Storage | undefined = globalThis.localStorage): WireEvent[] {
  const events: WireEvent[] = [];
  try {
    if (!storage) return events;
    for (const key of Object.keys(storage)) {
      if (!key.startsWith(PREFIX) || key == PREFIX + except) continue;
      const raw = storage.getItem(key);
      storage.removeItem(key);
      try {
        const list: unknown = JSON.parse(raw || '[]');
        if (Array.isArray(list)) events.push(...list);
      } catch {
        // a damaged entry is dropped, not retried forever
      }
    }
  } catch {
    // storage blocked
  }
  return events;
}
