import { describe, expect, it } from 'vitest';
import { createKeepaliveBudget } from './keepaliveBudget';

describe('createKeepaliveBudget', () => {
  it('keeps in-flight keepalive bytes under 64 KiB', () => {
    const b = createKeepaliveBudget();
    expect(b.take(60_000)).toBe(true);
    expect(b.take(5_537)).toBe(false); // 65,537 > 65,536
    expect(b.take(5_536)).toBe(true); // exactly 65,536
    b.release(60_000);
    expect(b.take(50_000)).toBe(true);
  });
  it('never goes below zero on a double release', () => {
    const b = createKeepaliveBudget(100);
    b.release(50);
    expect(b.take(101)).toBe(false);
    expect(b.take(100)).toBe(true);
  });
});
