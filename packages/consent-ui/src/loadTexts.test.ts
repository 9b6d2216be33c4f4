// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentTexts } from '../../core/src/consentConfig';
import { texts as de } from './i18n/de';
import { texts as en } from './i18n/en';
import { texts as es } from './i18n/es';
import { texts as fr } from './i18n/fr';
import { texts as pl } from './i18n/pl';
import { loadTexts } from './loadTexts';

const nav = (...languages: string[]) => ({ languages, language: languages[0] }) as unknown as Navigator;

describe('language files', () => {
  const files: [string, ConsentTexts][] = [['en', en], ['pl', pl], ['de', de], ['fr', fr], ['es', es]];

  it.each(files)('%s has every key of English, each a non-empty string', (_, texts) => {
    expect(Object.keys(texts).sort()).toEqual(Object.keys(en).sort());
    for (const v of Object.values(texts)) expect(typeof v == 'string' && v.trim().length > 0).toBe(true);
  });

  it.each(files)('%s keeps the {vendor} and {category} placeholders and names Global Privacy Control', (_, texts) => {
    expect(texts.placeholder).toContain('{vendor}');
    expect(texts.placeholder).toContain('{category}');
    expect(texts.gpc).toContain('Global Privacy Control');
  });

  it('English names the controls as the contract says', () => {
    expect(en).toMatchObject({
      accept_all: 'Accept all',
      reject_all: 'Reject all',
      customize: 'Customize',
      save: 'Save choices',
      analytics: 'Analytics',
      marketing: 'Marketing',
      necessary: 'Necessary',
      close: 'Close',
      do_not_sell: 'Do not sell or share my personal information',
      settings: 'Privacy settings',
    });
  });

  it('Polish is a real translation, with diacritics', () => {
    expect(pl).toMatchObject({ accept_all: 'Zaakceptuj wszystkie', reject_all: 'Odrzuć wszystkie', customize: 'Dostosuj', save: 'Zapisz wybór' });
    const same = Object.keys(en).filter((k) => pl[k as keyof ConsentTexts] == en[k as keyof ConsentTexts]);
    expect(same).toEqual(['ok']);
  });
});

describe('loadTexts', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('loads the configured language', async () => {
    expect(await loadTexts({ lang: 'pl' }, document, nav('en'))).toEqual({ lang: 'pl', texts: pl });
  });

  it('follows <html lang>, then the browser', async () => {
    document.documentElement.lang = 'de-CH';
    expect((await loadTexts({}, document, nav('fr'))).lang).toBe('de');
    document.documentElement.removeAttribute('lang');
    expect(await loadTexts({ lang: 'auto' }, document, nav('es-MX', 'en'))).toEqual({ lang: 'es', texts: es });
  });

  it('applies the site’s string overrides for that language only, without changing the shipped texts', async () => {
    const { texts } = await loadTexts({ lang: 'pl', texts: { pl: { title: 'Ciasteczka?' }, en: { title: 'Cookies?' } } }, document, nav('en'));
    expect(texts).toEqual({ ...pl, title: 'Ciasteczka?' });
    expect(pl.title).toBe('Prywatność i pliki cookie');
  });

  it('ignores overrides that are not text, and keys the UI does not have', async () => {
    const overrides = JSON.parse('{"title": {"html": "<b>x</b>"}, "save": 42, "__proto__": {"polluted": "yes"}, "extra": "x", "ok": "Fine"}');
    const { texts } = await loadTexts({ lang: 'en', texts: { en: overrides } }, document, nav('en'));
    expect(texts).toEqual({ ...en, ok: 'Fine' });
    expect(Object.getPrototypeOf(texts)).toBe(Object.prototype);
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
  });

  it('shows a language we do not ship, given by the site, over English', async () => {
    const it_: Partial<ConsentTexts> = { title: 'La tua privacy', accept_all: 'Accetta tutto' };
    document.documentElement.lang = 'it-IT';
    expect(await loadTexts({ texts: { it: it_ } }, document, nav('en'))).toEqual({ lang: 'it', texts: { ...en, ...it_ } });
  });

  it('falls back to English for a language neither shipped nor given', async () => {
    expect(await loadTexts({ lang: 'ja' }, document, nav('ko'))).toEqual({ lang: 'en', texts: en });
  });

  it('takes a site language named like an object property over English too', async () => {
    expect(await loadTexts({ lang: 'constructor', texts: { constructor: { ok: 'Sure' } } }, document, nav('en'))).toEqual({
      lang: 'constructor',
      texts: { ...en, ok: 'Sure' },
    });
  });
});
