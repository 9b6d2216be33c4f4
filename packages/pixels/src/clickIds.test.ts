import { describe, expect, it } from 'vitest';
import { fbc, fbp, nextFbc, parseFbCookie, readClickIds, subdomainIndex } from './clickIds';

describe('readClickIds', () => {
  it('reads every platform click id, case-sensitive and untouched', () => {
    const url =
      'https://shop.example/p?fbclid=IwAR2xY_Zz-1&ttclid=E.C.P.abc&li_fat_id=7a1b&gclid=Cj0KCQ&gbraid=0AAAA&wbraid=1BBBB&ScCid=5c1d&twclid=2-abc&rdt_cid=99&utm_source=x';
    expect(readClickIds(url)).toEqual({
      fbclid: 'IwAR2xY_Zz-1', ttclid: 'E.C.P.abc', li_fat_id: '7a1b', gclid: 'Cj0KCQ', gbraid: '0AAAA', wbraid: '1BBBB', ScCid: '5c1d', twclid: '2-abc', rdt_cid: '99',
    });
  });

  it.each([
    ['a lower-cased Snap parameter is not Snap’s', 'https://s.example/?sccid=1', {}],
    ['an fbclid over 500 characters is ignored', `https://s.example/?fbclid=${'a'.repeat(501)}`, {}],
    ['an fbclid of 500 is kept', `https://s.example/?fbclid=${'a'.repeat(500)}`, { fbclid: 'a'.repeat(500) }],
    ['empty values are not ids', 'https://s.example/?gclid=&ttclid', {}],
    ['not a URL', 'not a url', {}],
  ])('%s', (_, url, expected) => {
    expect(readClickIds(url)).toEqual(expected);
  });
});

describe("Meta's _fbc and _fbp", () => {
  it.each([
    ['example.com', 1],
    ['.example.com', 1],
    ['shop.example.com', 2],
    ['localhost', 0],
  ])('subdomain index of %s is %i', (domain, index) => {
    expect(subdomainIndex(domain)).toBe(index);
  });

  it('formats _fbc with the fbclid unmodified and _fbp with a random integer', () => {
    expect(fbc('IwAR2x_Y', 'example.com', 1_700_000_000_000)).toBe('fb.1.1700000000000.IwAR2x_Y');
    expect(fbp('shop.example.com', 1_700_000_000_000, 1234567890)).toBe('fb.2.1700000000000.1234567890');
    expect(fbp('example.com', 1)).toMatch(/^fb\.1\.1\.\d{1,10}$/);
  });

  it('parses 4 or 5 parts, nothing else', () => {
    expect(parseFbCookie('fb.1.1700000000000.IwAR2x')).toEqual({ index: 1, time: 1700000000000, id: 'IwAR2x' });
    expect(parseFbCookie('fb.1.1700000000000.IwAR2x.Bg')).toEqual({ index: 1, time: 1700000000000, id: 'IwAR2x' });
    for (const bad of [undefined, '', 'fb.1.1700000000000', 'fb.1.x.IwAR2x', 'gb.1.1.a', 'fb.1.1.a.b.c']) expect(parseFbCookie(bad)).toBeUndefined();
  });

  it('a new fbclid resets the time; the same one keeps the stored _fbc', () => {
    const stored = 'fb.1.1600000000000.IwAR_old';
    expect(nextFbc(stored, 'IwAR_old', 'example.com', 1_700_000_000_000)).toBe(stored);
    expect(nextFbc(stored, 'IwAR_new', 'example.com', 1_700_000_000_000)).toBe('fb.1.1700000000000.IwAR_new');
    expect(nextFbc(stored, undefined, 'example.com', 1_700_000_000_000)).toBe(stored);
    expect(nextFbc(undefined, 'x'.repeat(501), 'example.com', 1)).toBeUndefined();
  });
});
