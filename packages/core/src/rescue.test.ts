// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { saveRescue, takeRescued } from './rescue';
import type { WireEvent } from './types';

const ev = (id: string) => ({ id, name: 'x' }) as WireEvent;

describe('rescue', () => {
  beforeEach(() => localStorage.clear());
  it('hands what a page saved to the next page, once', () => {
    saveRescue('page-a', [ev('1'), ev('2')]);
    expect(takeRescued('page-b').map((e) => e.id)).toEqual(['1', '2']);
    expect(takeRescued('page-b')).toEqual([]);
  });
  it('keeps pages apart: two tabs leaving at once lose nothing', () => {
    saveRescue('a', [ev('1')]);
    saveRescue('b', [ev('2')]);
    expect(takeRescued('c').map((e) => e.id).sort()).toEqual(['1', '2']);
  });
  it('does not take the page its own saved events', () => {
    saveRescue('a', [ev('1')]);
    expect(takeRescued('a')).toEqual([]);
    expect(takeRescued().map((e) => e.id)).toEqual(['1']);
  });
  it('saving nothing removes the page entry', () => {
    saveRescue('a', [ev('1')]);
    saveRescue('a', []);
    expect(localStorage.length).toBe(0);
  });
  it('drops a damaged entry and ignores other keys', () => {
    localStorage.setItem('tagrelay:rescue:x', '{oops');
    localStorage.setItem('shop:cart', '[]');
    expect(takeRescued()).toEqual([]);
    expect(localStorage.getItem('shop:cart')).toBe('[]');
    expect(localStorage.getItem('tagrelay:rescue:x')).toBeNull();
  });
  it('never throws when storage is blocked', () => {
    const blocked = {
      setItem() {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Storage;
    expect(() => saveRescue('a', [ev('1')], blocked)).not.toThrow();
    expect(takeRescued('a', blocked)).toEqual([]);
  });
});
