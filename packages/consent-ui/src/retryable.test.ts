import { describe, expect, it, vi } from 'vitest';
import { retryable } from './retryable';

describe('retryable', () => {
  it('resets when the load fails, and still rejects with its error', async () => {
    const reset = vi.fn();
    const error = new Error('chunk failed');
    await expect(retryable(Promise.reject(error), reset)).rejects.toBe(error);
    expect(reset).toHaveBeenCalledTimes(1);
  });

  it('keeps a load that worked: no reset, its value', async () => {
    const reset = vi.fn();
    await expect(retryable(Promise.resolve('module'), reset)).resolves.toBe('module');
    expect(reset).not.toHaveBeenCalled();
  });

  it('lets the next call ask again: a cached promise cleared by the reset', async () => {
    let cached: Promise<string> | undefined;
    const loads = [Promise.reject(new Error('blip')), Promise.resolve('module')];
    const load = () => (cached ||= retryable(loads.shift()!, () => (cached = undefined)));
    await expect(load()).rejects.toThrow('blip');
    await expect(load()).resolves.toBe('module');
    expect(loads).toEqual([]);
  });
});
