import { describe, expect, it } from 'vitest';
import { pixelAllowed } from './pixelAllowed';
import type { Decision } from './types';

const decision = (marketing: boolean, vd?: Decision['vd']): Decision => ({ v: 1, id: 'c1', ts: 1, rev: 1, c: { necessary: true, analytics: true, marketing }, ...(vd ? { vd } : {}) });

describe('pixelAllowed', () => {
  it.each([
    ['no decision', undefined, false],
    ['marketing granted', decision(true), true],
    ['marketing granted, the vendor switched off', decision(true, { meta: false }), false],
    ['marketing granted, another vendor switched off', decision(true, { tiktok: false }), true],
    ['marketing refused', decision(false), false],
    ["marketing refused, the vendor allowed alone by an embed's placeholder", decision(false, { meta: true }), false],
  ])('%s', (_, d, expected) => {
    expect(pixelAllowed(d, 'meta')).toBe(expected);
  });
});
