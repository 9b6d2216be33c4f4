import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createOutbox, type OutboxEntry, type OutboxGroup } from './outbox';
import { idbStore, memoryStore, type KeyValueStore } from './stores';
import type { Problem, WireEvent } from './types';

const entry = (id: string, ts: number, pad = 0): OutboxEntry => {
  const e = { id, name: 'x', ts, params: { pad: 'x'.repeat(pad) } } as unknown as WireEvent;
  return { id, ts, json: JSON.stringify(e) };
};
const ids = (xs: OutboxEntry[]) => xs.map((x) => x.id);
const clock = () => 10;

describe('createOutbox', () => {
  it('returns stored events oldest first', async () => {
    const box = createOutbox({}, () => {}, memoryStore(), clock);
    await box.add([entry('b', 2), entry('c', 3)]);
    await box.add([entry('a', 1)]);
    expect(ids(await box.take())).toEqual(['a', 'b', 'c']);
  });
  it('removes acknowledged events only', async () => {
    const box = createOutbox({}, () => {}, memoryStore(), clock);
    await box.add([entry('a', 1), entry('b', 2)]);
    await box.remove(['a']);
    expect(ids(await box.take())).toEqual(['b']);
  });
  it('evicts the oldest over the count bound, counts and reports them', async () => {
    const problems: Problem[] = [];
    const box = createOutbox({ maxEvents: 3 }, (p) => problems.push(p), memoryStore(), clock);
    await box.add([1, 2, 3, 4, 5].map((n) => entry(`e${n}`, n)));
    expect(ids(await box.take())).toEqual(['e3', 'e4', 'e5']);
    expect(box.takeEvicted()).toBe(2);
    expect(box.takeEvicted()).toBe(0);
    expect(problems[0]).toMatchObject({ code: 'outbox_evicted', count: 2 });
    expect(ids(await box.take())).toEqual(['e3', 'e4', 'e5']); // evicted for good
  });
  it('evicts over the byte bound', async () => {
    const box = createOutbox({ maxBytes: 2500 }, () => {}, memoryStore(), clock);
    await box.add([1, 2, 3].map((n) => entry(`e${n}`, n, 1000)));
    expect(ids(await box.take())).toEqual(['e2', 'e3']);
    expect(box.takeEvicted()).toBe(1);
  });
  it('evicts events older than the age bound', async () => {
    const box = createOutbox({ maxAgeMs: 1000 }, () => {}, memoryStore(), () => 10_000);
    await box.add([entry('old', 8_000), entry('new', 9_500)]);
    expect(ids(await box.take())).toEqual(['new']);
  });
  it('rewrites stored events (consent withdrawal) and deletes those mapped to undefined', async () => {
    const box = createOutbox({}, () => {}, memoryStore(), clock);
    await box.add([entry('a', 1), entry('b', 2)]);
    await box.rewrite((e) => (e.id == 'a' ? undefined : { ...e, name: 'y' }));
    const left = await box.take();
    expect(ids(left)).toEqual(['b']);
    expect(JSON.parse(left[0]!.json).name).toBe('y');
  });
  it('survives a reload: a new outbox on the same IndexedDB sees the events', async () => {
    const first = createOutbox({}, () => {}, idbStore('test-reload'), clock);
    await first.add([entry('kept', 1)]);
    const second = createOutbox({}, () => {}, idbStore('test-reload'), clock);
    expect(ids(await second.take())).toEqual(['kept']);
  });
  it('falls back to memory with one warning when the store throws, and loses nothing', async () => {
    const problems: Problem[] = [];
    const broken: KeyValueStore<OutboxGroup> = {
      put: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
      all: () => Promise.reject(new Error('x')),
      keys: () => Promise.reject(new Error('x')),
      getMany: () => Promise.reject(new Error('x')),
      del: () => Promise.reject(new Error('x')),
      clear: () => Promise.reject(new Error('x')),
    };
    const box = createOutbox({}, (p) => problems.push(p), broken, clock);
    await box.add([entry('a', 1)]);
    await box.add([entry('b', 2)]);
    expect(ids(await box.take())).toEqual(['a', 'b']);
    expect(problems.filter((p) => p.code == 'storage_unavailable')).toHaveLength(1);
  });
  it('gives up on a store that never answers', async () => {
    const never = () => new Promise<never>(() => {});
    const hung: KeyValueStore<OutboxGroup> = { put: never, all: never, keys: never, getMany: never, del: never, clear: never };
    const problems: Problem[] = [];
    const box = createOutbox({ timeoutMs: 20 }, (p) => problems.push(p), hung, clock);
    await box.add([entry('a', 1)]);
    expect(ids(await box.take())).toEqual(['a']);
    expect(problems[0]!.code).toBe('storage_unavailable');
  });
  it('waits for a slow store once it has answered (load is not failure)', async () => {
    vi.useFakeTimers();
    const inner = memoryStore<OutboxGroup>();
    let slow = false;
    const store: KeyValueStore<OutboxGroup> = {
      ...inner,
      put: async (items) => {
        if (slow) await new Promise((r) => setTimeout(r, 100));
        return inner.put(items);
      },
    };
    const problems: Problem[] = [];
    const box = createOutbox({ timeoutMs: 20 }, (p) => problems.push(p), store, clock);
    await box.add([entry('a', 1)]);
    slow = true;
    const adding = box.add([entry('b', 2)]);
    await vi.advanceTimersByTimeAsync(100);
    await adding;
    vi.useRealTimers();
    expect(problems).toEqual([]);
    expect(ids(await inner.all().then((all) => all.flatMap(([, g]) => g)))).toEqual(['a', 'b']);
  });

  it('stores a burst in groups of one batch: 120 events are 3 writes, an acknowledged batch 1 delete', async () => {
    const inner = memoryStore<OutboxGroup>();
    const calls: string[] = [];
    const counted: KeyValueStore<OutboxGroup> = {
      ...inner,
      put: (items) => (calls.push(`put ${items.length}`), inner.put(items)),
      del: (keys) => (calls.push(`del ${keys.length}`), inner.del(keys)),
    };
    const box = createOutbox({}, () => {}, counted, clock);
    const burst = Array.from({ length: 120 }, (_, i) => entry(`e${i}`, i));
    await box.add(burst);
    expect(calls).toEqual(['put 3']);
    const taken = await box.take();
    await box.remove(ids(taken.slice(0, 50)));
    expect(calls).toEqual(['put 3', 'del 1']);
    await box.remove(['e50', 'e51']);
    // A changed group goes under a new key: a key's content never changes.
    expect(calls.slice(-2)).toEqual(['put 1', 'del 1']);
    expect(ids(await box.take())).toEqual(ids(burst.slice(52)));
  });

  it('does not read back the groups it wrote, but sees what another tab wrote or removed', async () => {
    const shared = memoryStore<OutboxGroup>();
    const reads: string[] = [];
    const watched: KeyValueStore<OutboxGroup> = {
      ...shared,
      all: () => (reads.push('all'), shared.all()),
      getMany: (k) => (reads.push(`getMany ${k.length}`), shared.getMany(k)),
    };
    const mine = createOutbox({}, () => {}, watched, clock);
    const other = createOutbox({}, () => {}, shared, clock);
    await mine.add(Array.from({ length: 100 }, (_, i) => entry(`m${i}`, i)));
    expect((await mine.take()).length).toBe(100);
    expect(reads).toEqual([]);
    await other.add([entry('o1', 500)]);
    expect(ids(await mine.take()).slice(-1)).toEqual(['o1']);
    expect(reads).toEqual(['getMany 1']);
    await other.take();
    await other.remove(['m0', 'o1']);
    const left = ids(await mine.take());
    expect(left).toHaveLength(99);
    expect(left).not.toContain('m0');
    expect(left).not.toContain('o1');
  });

  it('an event id used again (options.id) never replaces other stored events', async () => {
    const box = createOutbox({}, () => {}, memoryStore(), clock);
    await box.add([entry('order-1', 1), entry('lead', 2)]);
    await box.add([entry('order-1', 3)]);
    expect(ids(await box.take())).toEqual(['order-1', 'lead', 'order-1']);
  });

  it('a fallback to memory keeps what this page had stored', async () => {
    let broken = false;
    const inner = memoryStore<OutboxGroup>();
    const flaky: KeyValueStore<OutboxGroup> = {
      put: (x) => (broken ? Promise.reject(new Error('gone')) : inner.put(x)),
      all: () => (broken ? Promise.reject(new Error('gone')) : inner.all()),
      keys: () => (broken ? Promise.reject(new Error('gone')) : inner.keys()),
      getMany: (k) => (broken ? Promise.reject(new Error('gone')) : inner.getMany(k)),
      del: (x) => (broken ? Promise.reject(new Error('gone')) : inner.del(x)),
      clear: () => inner.clear(),
    };
    const box = createOutbox({}, () => {}, flaky, clock);
    await box.add([entry('a', 1)]);
    broken = true;
    await box.add([entry('b', 2)]);
    expect(ids(await box.take())).toEqual(['a', 'b']);
  });

  it('falls back where IndexedDB does not exist at all', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const problems: Problem[] = [];
      const box = createOutbox({}, (p) => problems.push(p), idbStore('none'), clock);
      await box.add([entry('a', 1)]);
      expect(ids(await box.take())).toEqual(['a']);
      expect(problems[0]!.code).toBe('storage_unavailable');
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
