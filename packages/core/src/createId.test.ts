import { describe, expect, it, vi } from 'vitest';
import { createId } from './createId';

describe('createId', () => {
  it('makes RFC 4122 version 4 UUIDs', () => {
    for (let i = 0; i < 300; i++) expect(createId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('never repeats in 100,000 ids', () => {
    const ids = new Set(Array.from({ length: 100_000 }, () => createId()));
    expect(ids.size).toBe(100_000);
  });
  it('asks for randomness once per 256 ids, not once per id', () => {
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as Uint8Array) as unknown as T);
    const c = { getRandomValues } as unknown as Crypto;
    for (let i = 0; i < 600; i++) createId(c);
    expect(getRandomValues.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(getRandomValues.mock.calls.length).toBeLessThanOrEqual(3);
  });
  it('is random, not a counter: bits are spread', () => {
    const first = Array.from({ length: 2000 }, () => createId()[0]!);
    expect(new Set(first).size).toBe(16);
  });
});
