import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlusher } from './createFlusher';
import { createOutbox, type OutboxEntry } from './outbox';
import { memoryStore } from './stores';
import type { SendResult } from './transport';
import type { Problem, WireEvent } from './types';
import { withLock } from './withLock';

const entry = (id: string, ts = 1): OutboxEntry => ({ id, ts, json: JSON.stringify({ id, name: 'x', ts }) });

/** A flusher over an in-memory outbox whose endpoint answers from `answers` in turn. */
function setup(answers: ((body: string) => SendResult)[], { online = true } = {}) {
  const problems: Problem[] = [];
  const settled: string[] = [];
  const bodies: { ids: string[]; unloading: boolean }[] = [];
  const outbox = createOutbox({}, (p) => problems.push(p), memoryStore(), () => 10);
  const send = vi.fn(async (_url: string, body: string, _bytes: number, o: { unloading?: boolean }) => {
    bodies.push({ ids: JSON.parse(body).events.map((e: WireEvent) => e.id), unloading: !!o.unloading });
    const answer = answers.shift();
    return answer ? answer(body) : { status: 200 };
  });
  const flusher = createFlusher(
    { url: '/t/e', outbox, report: (p) => problems.push(p), settled: (ids) => settled.push(...ids) },
    { send, lock: (_n, fn) => withLock('x', fn, undefined), now: () => Date.now(), random: () => 0, online: () => online },
  );
  const left = async () => (await outbox.take()).map((x) => x.id);
  return { flusher, outbox, problems, settled, bodies, send, left };
}

describe('createFlusher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('removes events after a 2xx and reports the ones the endpoint rejected', async () => {
    const t = setup([() => ({ status: 200, result: { accepted: 1, rejected: [{ index: 1, code: 'invalid_name', message: 'bad' }] } })]);
    await t.outbox.add([entry('a'), entry('b')]);
    await t.flusher.flush();
    expect(await t.left()).toEqual([]);
    expect(t.settled).toEqual(['a', 'b']);
    expect(t.problems).toEqual([expect.objectContaining({ code: 'event_rejected', id: 'b', reason: 'invalid_name' })]);
  });

  it('sends 120 events as 50 + 50 + 20', async () => {
    const t = setup([]);
    await t.outbox.add(Array.from({ length: 120 }, (_, i) => entry(`e${i}`, i)));
    await t.flusher.flush();
    expect(t.bodies.map((b) => b.ids.length)).toEqual([50, 50, 20]);
    expect(await t.left()).toEqual([]);
  });

  it('400: drops the batch, counts it as an error, never retries it', async () => {
    const t = setup([() => ({ status: 400 })]);
    await t.outbox.add([entry('a'), entry('b')]);
    await t.flusher.flush();
    expect(await t.left()).toEqual([]);
    expect(t.problems[0]).toMatchObject({ code: 'batch_rejected', status: 400, count: 2 });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(t.send).toHaveBeenCalledTimes(1);
  });

  it('413: splits the batch until it fits, drops a single event that still does not', async () => {
    const t = setup([
      () => ({ status: 413 }), // [a,b,c,d]
      () => ({ status: 200 }), // [a,b]
      () => ({ status: 413 }), // [c,d]
      () => ({ status: 200 }), // [c]
      () => ({ status: 413 }), // [d] alone: dropped
    ]);
    await t.outbox.add(['a', 'b', 'c', 'd'].map((id, i) => entry(id, i)));
    await t.flusher.flush();
    expect(t.bodies.map((b) => b.ids.join(''))).toEqual(['abcd', 'ab', 'cd', 'c', 'd']);
    expect(await t.left()).toEqual([]);
    expect(t.problems).toEqual([expect.objectContaining({ code: 'batch_rejected', status: 413, count: 1 })]);
  });

  it.each([408, 429, 500, 503, 0])('%i: keeps the events and retries with backoff', async (status) => {
    const t = setup([() => ({ status }), () => ({ status })]);
    await t.outbox.add([entry('a')]);
    await t.flusher.flush();
    expect(await t.left()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(499); // first retry after 500 ms (random() = 0)
    expect(t.send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(999); // second after 1000 ms more
    expect(t.send).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.send).toHaveBeenCalledTimes(3);
    expect(await t.left()).toEqual([]);
  });

  it('honours Retry-After over its own backoff', async () => {
    const t = setup([() => ({ status: 429, retryAfterMs: 30_000 })]);
    await t.outbox.add([entry('a')]);
    await t.flusher.flush();
    t.flusher.schedule(0); // new events must not break the server's wish
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.send).toHaveBeenCalledTimes(2);
  });

  it('an explicit flush ignores the backoff', async () => {
    const t = setup([() => ({ status: 503, retryAfterMs: 60_000 })]);
    await t.outbox.add([entry('a')]);
    await t.flusher.flush();
    await t.flusher.flush(true);
    expect(t.send).toHaveBeenCalledTimes(2);
  });

  it('a flush called during a pass waits for a pass that sees what was stored before the call', async () => {
    let release!: () => void;
    const t = setup([]);
    t.send.mockImplementationOnce(async (_u, body) => {
      t.bodies.push({ ids: JSON.parse(body).events.map((e: WireEvent) => e.id), unloading: false });
      await new Promise<void>((r) => (release = r));
      return { status: 200 };
    });
    await t.outbox.add([entry('a')]);
    const first = t.flusher.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    await t.outbox.add([entry('b', 2)]);
    const second = t.flusher.flush(true);
    const third = t.flusher.flush(true);
    expect(third).toBe(second);
    release();
    await first;
    await second;
    expect(t.bodies.map((b) => b.ids)).toEqual([['a'], ['b']]);
    expect(await t.left()).toEqual([]);
  });

  it('sends nothing while offline, and sets no polling timer meanwhile', async () => {
    const t = setup([], { online: false });
    await t.outbox.add([entry('a')]);
    await t.flusher.flush(true);
    t.flusher.schedule(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.send).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops a pass when consent no longer allows sending, and reports what the outbox holds', async () => {
    let allowed = true;
    const present: string[][] = [];
    const t = setup([]);
    const f = createFlusher(
      { url: '/t/e', outbox: t.outbox, report: () => {}, settled: () => {}, canSend: () => allowed, taken: (ids) => present.push([...ids]) },
      { send: async (u, b, n, o) => ((allowed = false), t.send(u, b, n, o)), lock: (_n, fn) => withLock('x', fn, undefined), now: Date.now, random: () => 0, online: () => true },
    );
    await t.outbox.add(Array.from({ length: 60 }, (_, i) => entry(`e${i}`, i)));
    await f.flush();
    expect(t.send).toHaveBeenCalledTimes(1);
    expect(present[0]).toHaveLength(60);
  });

  it('reports evictions on the next batch, once', async () => {
    const t = setup([]);
    const outbox = createOutbox({ maxEvents: 2 }, () => {}, memoryStore(), () => 10);
    const f = createFlusher(
      { url: '/t/e', outbox, report: () => {}, settled: () => {} },
      { send: t.send, lock: (_n, fn) => withLock('x', fn, undefined), now: Date.now, random: () => 0, online: () => true },
    );
    const dropped: unknown[] = [];
    t.send.mockImplementation(async (_u, body) => {
      dropped.push(JSON.parse(body).dropped);
      return { status: 200 };
    });
    await outbox.add(['a', 'b', 'c'].map((id, i) => entry(id, i)));
    await f.flush();
    await outbox.add([entry('d', 9)]);
    await f.flush();
    expect(dropped).toEqual([1, undefined]);
  });

  it('sendNow: sends synchronously (beacons while unloading) and never twice from this page', () => {
    const t = setup([() => ({ status: 'beacon' })]);
    t.flusher.sendNow([entry('a'), entry('b')], true);
    expect(t.bodies).toEqual([{ ids: ['a', 'b'], unloading: true }]);
  });

  it('sendNow: beaconed events are not sent again by this page until it is restored from the bfcache', async () => {
    const t = setup([() => ({ status: 'beacon' })]);
    await t.outbox.add([entry('a')]);
    t.flusher.sendNow([entry('a')], true);
    await vi.advanceTimersByTimeAsync(0);
    await t.flusher.flush(true);
    expect(t.send).toHaveBeenCalledTimes(1);
    expect(await t.left()).toEqual(['a']); // kept: a beacon's delivery is never known
    t.flusher.resetBeacons();
    await t.flusher.flush(true);
    expect(t.send).toHaveBeenCalledTimes(2);
    expect(await t.left()).toEqual([]);
  });

  it('skips when another tab holds the lock, and looks again later', async () => {
    const t = setup([]);
    let held = true;
    const f = createFlusher(
      { url: '/t/e', outbox: t.outbox, report: () => {}, settled: () => {}, lockRetryMs: 100 },
      { send: t.send, lock: async (_n, fn) => (held ? false : (await fn(), true)), now: Date.now, random: () => 0, online: () => true },
    );
    await t.outbox.add([entry('a')]);
    await f.flush();
    expect(t.send).not.toHaveBeenCalled();
    held = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(t.send).toHaveBeenCalledTimes(1);
  });
});

describe('withLock', () => {
  it('runs one holder at a time and tells the other it did not run', async () => {
    const queue: (() => void)[] = [];
    let holder: Promise<unknown> | undefined;
    const locks = {
      request: async (_name: string, _o: unknown, cb: (lock: unknown) => Promise<unknown>) => {
        if (holder) return cb(null);
        holder = cb({});
        const r = await holder;
        holder = undefined;
        return r;
      },
    } as unknown as LockManager;
    const first = withLock('l', () => new Promise<void>((r) => queue.push(r)), locks);
    const second = await withLock('l', async () => {}, locks);
    expect(second).toBe(false);
    queue[0]!();
    expect(await first).toBe(true);
  });
  it('with wait, asks for the lock without ifAvailable (it queues behind the holder)', async () => {
    const request = vi.fn(async (_n: string, o: LockOptions, cb: (l: unknown) => Promise<unknown>) => (o.ifAvailable ? cb(null) : cb({})));
    const locks = { request } as unknown as LockManager;
    expect(await withLock('l', async () => {}, locks, true)).toBe(true);
    expect(request.mock.calls[0]![1]).toEqual({});
    expect(await withLock('l', async () => {}, locks)).toBe(false);
  });

  it('runs anyway where Web Locks are missing', async () => {
    const fn = vi.fn(async () => {});
    expect(await withLock('l', fn, undefined)).toBe(true);
    expect(fn).toHaveBeenCalled();
  });
});
