// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CLICK_COOKIE, platformIds } from './platformIds';

const NOW = 1748779200000;
const cookies = () => Object.fromEntries(document.cookie.split('; ').filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
const land = (query: string) => history.replaceState(null, '', `/product.html${query}`);

describe('platformIds', () => {
  beforeEach(() => {
    for (const name of Object.keys(cookies())) document.cookie = `${name}=; max-age=0; path=/`;
    land('');
  });

  it("turns an fbclid into Meta's _fbc and creates _fbp, both in Meta's format", () => {
    land('?fbclid=IwAR2xAbC&utm_source=fb');
    const ids = platformIds(['meta'], { now: NOW });
    expect(ids.fbc).toBe(`fb.0.${NOW}.IwAR2xAbC`);
    expect(ids.fbp).toMatch(new RegExp(`^fb\\.0\\.${NOW}\\.\\d{1,10}$`));
    expect(cookies()).toMatchObject({ _fbc: ids.fbc, _fbp: ids.fbp });
  });

  it('counts the labels of the cookie domain for the subdomain index', () => {
    land('?fbclid=abc');
    expect(platformIds(['meta'], { domain: '.shop.example.com', now: NOW }).fbc).toBe(`fb.2.${NOW}.abc`);
  });

  it('keeps _fbp and an _fbc of the same fbclid as they are; a new fbclid resets the time', () => {
    document.cookie = `_fbp=fb.0.1700000000000.42; path=/`;
    document.cookie = `_fbc=fb.0.1700000000000.abc; path=/`;
    land('?fbclid=abc');
    expect(platformIds(['meta'], { now: NOW })).toEqual({ fbp: 'fb.0.1700000000000.42', fbc: 'fb.0.1700000000000.abc' });
    land('?fbclid=xyz');
    expect(platformIds(['meta'], { now: NOW }).fbc).toBe(`fb.0.${NOW}.xyz`);
  });

  it("keeps the click ids of allowed vendors for later pages, exactly as given (Snap's ScCid under a lower-case key, as the endpoint takes keys)", () => {
    land('?gclid=Cj0K_x-Y&ttclid=E.C.P.v3&ScCid=SnAp1&twclid=2-x&rdt_cid=r1&li_fat_id=lf1&gbraid=gb&wbraid=wb');
    const all = ['tiktok', 'linkedin', 'google', 'snap', 'x', 'reddit'];
    const expected = { ttclid: 'E.C.P.v3', li_fat_id: 'lf1', gclid: 'Cj0K_x-Y', gbraid: 'gb', wbraid: 'wb', sccid: 'SnAp1', twclid: '2-x', rdt_cid: 'r1' };
    expect(platformIds(all, { now: NOW })).toEqual(expected);
    land('?q=shoes');
    expect(platformIds(all, { now: NOW })).toEqual(expected);
    expect(JSON.parse(decodeURIComponent(cookies()[CLICK_COOKIE]!))).toEqual(expected);
  });

  it('leaves out and forgets the click ids of vendors not allowed, and the cookie with the last one', () => {
    land('?gclid=g1&ttclid=t1');
    platformIds(['google', 'tiktok'], { now: NOW });
    land('');
    expect(platformIds(['google'], { now: NOW })).toEqual({ gclid: 'g1' });
    expect(platformIds(['google', 'tiktok'], { now: NOW })).toEqual({ gclid: 'g1' });
    expect(platformIds([], { now: NOW })).toEqual({});
    // happy-dom keeps a deleted cookie with an empty value; browsers drop it.
    expect(cookies()[CLICK_COOKIE] || undefined).toBeUndefined();
  });

  it('creates no Meta cookie unless Meta is allowed', () => {
    land('?fbclid=abc');
    expect(platformIds(['google'], { now: NOW })).toEqual({});
    expect(cookies()._fbp || undefined).toBeUndefined();
    expect(cookies()._fbc || undefined).toBeUndefined();
  });

  it("carries the ids vendor scripts set, for allowed vendors only", () => {
    document.cookie = '_ttp=ttp1; path=/';
    document.cookie = '_scid=sc1; path=/';
    document.cookie = '_rdt_uuid=rd1; path=/';
    document.cookie = 'li_fat_id=lf-cookie; path=/';
    expect(platformIds(['tiktok', 'snap', 'linkedin'], { now: NOW })).toEqual({ ttp: 'ttp1', scid: 'sc1', li_fat_id: 'lf-cookie' });
  });

  it('replaces a damaged tr_click cookie', () => {
    document.cookie = `${CLICK_COOKIE}=%7Bnot-json; path=/`;
    land('?gclid=g2');
    expect(platformIds(['google'], { now: NOW })).toEqual({ gclid: 'g2' });
  });
});
