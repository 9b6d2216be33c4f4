import { describe, expect, it } from 'vitest';
import { chunkBatches, type Encoded } from './chunkBatches';
import { utf8Length } from './utf8Length';

const events = (n: number, size = 100): Encoded[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i}`, json: JSON.stringify({ id: `e${i}`, pad: 'x'.repeat(size) }) }));

describe('chunkBatches', () => {
  it('puts at most 50 events in a body', () => {
    const { batches } = chunkBatches(events(120));
    expect(batches.map((b) => b.ids.length)).toEqual([50, 50, 20]);
  });
  it('keeps every body at or under 60 KB of UTF-8, and parseable', () => {
    const { batches } = chunkBatches(events(40, 5000));
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      expect(b.bytes).toBe(new TextEncoder().encode(b.body).length);
      expect(b.bytes).toBeLessThanOrEqual(60_000);
      expect(JSON.parse(b.body).events.map((e: { id: string }) => e.id)).toEqual(b.ids);
    }
    expect(batches.flatMap((b) => b.ids)).toEqual(events(40).map((e) => e.id));
  });
  it('counts multi-byte characters as UTF-8 bytes', () => {
    const heavy = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, json: JSON.stringify({ t: 'ż😀'.repeat(1000) }) }));
    for (const b of chunkBatches(heavy).batches) expect(new TextEncoder().encode(b.body).length).toBeLessThanOrEqual(60_000);
  });
  it('sets apart an event too large for any body instead of sending it forever', () => {
    const big = { id: 'big', json: JSON.stringify({ pad: 'x'.repeat(70_000) }) };
    const { batches, oversize } = chunkBatches([...events(2), big]);
    expect(oversize).toEqual(['big']);
    expect(batches[0]!.ids).toEqual(['e0', 'e1']);
  });
  it('reports evictions on the first body only', () => {
    const { batches } = chunkBatches(events(60), { dropped: 7 });
    expect(JSON.parse(batches[0]!.body).dropped).toBe(7);
    expect(batches[0]!.dropped).toBe(7);
    expect(JSON.parse(batches[1]!.body).dropped).toBeUndefined();
  });
  it('makes the wire format of CONTRACT.md §4', () => {
    const body = JSON.parse(chunkBatches(events(1)).batches[0]!.body);
    expect(body).toEqual({ v: 1, events: [{ id: 'e0', pad: 'x'.repeat(100) }] });
  });
});

describe('utf8Length', () => {
  it.each(['', 'abc', 'zażółć', '😀x', '\u0800', '\u07ff'])('%s', (s) => {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});
