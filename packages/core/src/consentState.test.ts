// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createConsentState } from './consentState';
import { readDecision } from './readDecision';

const clearCookies = () => {
  for (const c of document.cookie.split('; ')) if (c) document.cookie = `${c.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
};

describe('createConsentState', () => {
  beforeEach(clearCookies);

  it('has no decision until the visitor makes one', () => {
    expect(createConsentState().get()).toBeUndefined();
  });

  it('stores the decision in the first-party tr_consent cookie, readable by a new page', () => {
    const d = createConsentState({ revision: 3 }).update({ analytics: true });
    expect(d).toMatchObject({ v: 1, rev: 3, c: { necessary: true, analytics: true, marketing: false } });
    expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(readDecision(document.cookie)).toEqual(d);
    expect(createConsentState({ revision: 3 }).get()).toEqual(d);
  });

  it('merges later choices into the earlier ones and keeps the consent id', () => {
    const s = createConsentState();
    const first = s.update({ analytics: true, marketing: true });
    const second = s.update({ marketing: false });
    expect(second.c).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(second.id).toBe(first.id);
  });

  it('keeps necessary on whatever is asked, and ignores non-boolean choices', () => {
    const d = createConsentState().update({ necessary: false, analytics: 'yes' } as never);
    expect(d.c).toEqual({ necessary: true, analytics: false, marketing: false });
  });

  it('asks again when the policy revision goes up', () => {
    createConsentState({ revision: 1 }).update({ analytics: true });
    expect(createConsentState({ revision: 2 }).get()).toBeUndefined();
  });

  it('asks again once the decision is older than its lifetime', () => {
    let now = Date.UTC(2026, 0, 1);
    createConsentState({ days: 182 }, document, () => now).update({ analytics: true });
    now += 181 * 86_400_000;
    expect(createConsentState({ days: 182 }, document, () => now).get()).toBeDefined();
    now += 2 * 86_400_000;
    expect(createConsentState({ days: 182 }, document, () => now).get()).toBeUndefined();
  });

  it('tells subscribers the new and the previous decision', () => {
    const s = createConsentState();
    const seen: [unknown, unknown][] = [];
    s.subscribe((d, p) => seen.push([d.c.analytics, p?.c.analytics]));
    s.update({ analytics: true });
    s.update({ analytics: false });
    expect(seen).toEqual([
      [true, undefined],
      [false, true],
    ]);
  });

  it('a decision made in another tab holds here at once (a withdrawal stops every tab)', async () => {
    const here = createConsentState();
    const there = createConsentState();
    const seen: boolean[] = [];
    here.subscribe((d) => seen.push(d.c.marketing));
    there.update({ analytics: true, marketing: true });
    await vi.waitFor(() => expect(here.get()?.c.marketing).toBe(true));
    there.update({ marketing: false });
    await vi.waitFor(() => expect(seen).toEqual([true, false]));
    expect(here.get()!.id).toBe(there.get()!.id);
    here.close();
    there.close();
  });

  it('keeps only category names the endpoint accepts', () => {
    const d = createConsentState().update({ analytics: true, functional: true, ['x'.repeat(41)]: true, 'bad key': true });
    expect(Object.keys(d.c).sort()).toEqual(['analytics', 'functional', 'marketing', 'necessary']);
  });

  it('treats a malformed cookie as no decision', () => {
    document.cookie = 'tr_consent=%7Bnot-json; path=/';
    expect(createConsentState().get()).toBeUndefined();
    document.cookie = `tr_consent=${encodeURIComponent('{"v":2,"c":{}}')}; path=/`;
    expect(createConsentState().get()).toBeUndefined();
  });

  it('gives each decision a later time than the last, even within one millisecond (receipts are keyed by it)', () => {
    const s = createConsentState({}, document, () => 1_000);
    const first = s.update({ analytics: true });
    const second = s.update({ marketing: true });
    expect(second.ts).toBe(first.ts + 1);
  });

  it('a marketing grant without vendor choices allows again the vendors refused with marketing', () => {
    const s = createConsentState();
    s.update({ marketing: false }, { meta: false, tiktok: false, youtube: true });
    expect(s.update({ marketing: true }).vd).toEqual({ youtube: true });
    // With vendor choices, or marketing already on, earlier refusals stand.
    s.update({}, { meta: false });
    expect(s.update({ marketing: true }).vd).toEqual({ youtube: true, meta: false });
  });

  it('a marketing withdrawal without vendor choices withdraws every vendor, those allowed alone included', () => {
    const s = createConsentState();
    s.update({ marketing: true }, { meta: true, tiktok: false });
    s.update({}, { youtube: true });
    const withdrawn = s.update({ marketing: false });
    expect(withdrawn.vd).toEqual({ tiktok: false });
    // With vendor choices, they stand as given.
    expect(s.update({ marketing: true }, { meta: false }).vd).toEqual({ tiktok: false, meta: false });
    expect(s.update({ marketing: false }, { youtube: true }).vd).toEqual({ tiktok: false, meta: false, youtube: true });
  });

  it('keeps vendor choices beside the categories and merges later ones', () => {
    const s = createConsentState();
    s.update({ marketing: true }, { meta: true, tiktok: false, 'bad key': true, YouTube: true, ['v'.repeat(33)]: true } as never);
    const d = s.update({}, { tiktok: true });
    expect(d.vd).toEqual({ meta: true, tiktok: true });
    expect(readDecision(document.cookie)!.vd).toEqual({ meta: true, tiktok: true });
  });

  describe('Global Privacy Control', () => {
    it('a stored marketing grant made without GPC is asked again once GPC is on', () => {
      createConsentState({}, document, Date.now, false).update({ analytics: true, marketing: true });
      expect(createConsentState({}, document, Date.now, true).get()).toBeUndefined();
      expect(createConsentState({ gpc: false }, document, Date.now, false).get()?.c.marketing).toBe(true);
    });

    it('a marketing grant made with GPC on is an explicit override and holds', () => {
      const d = createConsentState({}, document, Date.now, true).update({ marketing: true });
      expect(d.g).toBe(1);
      expect(createConsentState({}, document, Date.now, true).get()?.c.marketing).toBe(true);
    });

    it('a refusal of marketing holds with GPC on', () => {
      createConsentState({}, document, Date.now, false).update({ analytics: true, marketing: false });
      expect(createConsentState({}, document, Date.now, true).get()?.c.analytics).toBe(true);
    });

    it('reads navigator.globalPrivacyControl unless the site turns GPC off', () => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
      try {
        expect(createConsentState().gpc).toBe(true);
        expect(createConsentState({ gpc: false }).gpc).toBe(false);
      } finally {
        delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
      }
      expect(createConsentState().gpc).toBe(false);
    });
  });

  describe('opt-out mode', () => {
    it('runs analytics and marketing before any choice, without storing anything', () => {
      const d = createConsentState({ mode: 'opt-out' }, document, Date.now, false).get();
      expect(d).toMatchObject({ id: '', c: { necessary: true, analytics: true, marketing: true } });
      expect(document.cookie).not.toContain('tr_consent');
    });

    it('GPC opts out of marketing by itself', () => {
      expect(createConsentState({ mode: 'opt-out' }, document, Date.now, true).get()?.c).toEqual({ necessary: true, analytics: true, marketing: false });
    });

    it('opting out keeps the rest of the default and tells subscribers what held before', () => {
      const s = createConsentState({ mode: 'opt-out' }, document, Date.now, false);
      const seen: unknown[] = [];
      s.subscribe((d, p) => seen.push([d.c.marketing, p?.c.marketing]));
      const d = s.update({ marketing: false });
      expect(d.c).toEqual({ necessary: true, analytics: true, marketing: false });
      expect(d.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen).toEqual([[false, true]]);
    });
  });
});
