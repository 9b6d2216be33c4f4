// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { Config, Tracker } from './createTracker';
import { startQueue, type Stub } from './startQueue';

/** A fake tracker recording every call made on it. */
function fakeTracker() {
  const calls: unknown[][] = [];
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return name == 'track' ? 'id-1' : undefined;
    };
  const t = {
    track: rec('track'),
    page: rec('page'),
    identify: rec('identify'),
    on: rec('on'),
    flush: rec('flush'),
    consent: { update: rec('consent.update'), show: rec('consent.show'), get: () => ({ v: 1 }) },
    destroy: rec('destroy'),
    _report: rec('report'),
  } as unknown as Tracker;
  return { t, calls };
}

/** The snippet of CONTRACT.md §1, run on a fresh window object. */
function snippetWindow() {
  const w = {} as Window & { tagrelay?: Stub };
  const stub = function (...args: unknown[]) {
    (stub.q = stub.q || []).push(args);
  } as Stub;
  w.tagrelay = stub;
  return w;
}

describe('startQueue', () => {
  it('replays queued calls in order, init first, and takes over window.tagrelay', () => {
    const w = snippetWindow();
    w.tagrelay!('track', 'early', { a: 1 });
    w.tagrelay!('init', { endpoint: '/t' });
    w.tagrelay!('consent', 'update', { analytics: true });
    w.tagrelay!('track', 'later');
    const { t, calls } = fakeTracker();
    const create = vi.fn((_c?: Config) => t);
    const fn = startQueue(w, create);
    expect(create).toHaveBeenCalledWith({ endpoint: '/t' });
    expect(calls).toEqual([
      ['track', 'early', { a: 1 }, undefined],
      ['consent.update', { analytics: true }, undefined],
      ['track', 'later', undefined, undefined],
    ]);
    expect(w.tagrelay).toBe(fn);
    expect(fn.v).toBeTypeOf('string');
    w.tagrelay!('flush');
    expect(calls.at(-1)).toEqual(['flush']);
  });

  it('answers consent get through the callback', () => {
    const w = snippetWindow();
    const { t } = fakeTracker();
    startQueue(w, () => t);
    w.tagrelay!('init', {});
    const cb = vi.fn();
    w.tagrelay!('consent', 'get', cb);
    expect(cb).toHaveBeenCalledWith({ v: 1 });
  });

  it('reports unknown commands and a second init, never throws', () => {
    const w = snippetWindow();
    const { t, calls } = fakeTracker();
    startQueue(w, () => t);
    w.tagrelay!('init', {});
    expect(() => {
      w.tagrelay!('trak', 'x');
      w.tagrelay!('init', {});
      w.tagrelay!('consent', 'maybe');
    }).not.toThrow();
    expect(calls.map((c) => [c[0], (c[1] as { code: string }).code])).toEqual([
      ['report', 'unknown_command'],
      ['report', 'already_initialised'],
      ['report', 'unknown_command'],
    ]);
  });

  it('works when the loader comes first (no snippet stub yet)', () => {
    const w = {} as Window & { tagrelay?: Stub };
    const { t, calls } = fakeTracker();
    startQueue(w, () => t);
    w.tagrelay!('init', {});
    w.tagrelay!('page');
    expect(calls).toEqual([['page', undefined]]);
  });

  it('a second start (the loader included twice) keeps the running one', () => {
    const w = snippetWindow();
    const { t, calls } = fakeTracker();
    const first = startQueue(w, () => t);
    w.tagrelay!('init', {});
    const second = startQueue(w, () => fakeTracker().t);
    expect(second).toBe(first);
    w.tagrelay!('track', 'kept');
    expect(calls).toEqual([['track', 'kept', undefined, undefined]]);
  });

  it('does not throw when creating the tracker does', () => {
    const w = snippetWindow();
    w.tagrelay!('init', {});
    expect(() =>
      startQueue(w, () => {
        throw new Error('boom');
      }),
    ).not.toThrow();
  });
});
