// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { pickLanguage } from './pickLanguage';

const shipped = ['en', 'pl', 'de', 'fr', 'es'];
const nav = (languages: string[], language = languages[0]) => ({ languages, language }) as unknown as Navigator;

describe('pickLanguage', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('takes the configured language first', () => {
    document.documentElement.lang = 'de';
    expect(pickLanguage('pl', shipped, document, nav(['fr']))).toBe('pl');
  });

  it('with lang missing or auto, takes <html lang> before the browser languages', () => {
    document.documentElement.lang = 'de';
    expect(pickLanguage(undefined, shipped, document, nav(['fr']))).toBe('de');
    expect(pickLanguage('auto', shipped, document, nav(['fr']))).toBe('de');
  });

  it('without <html lang>, takes the first browser language we have', () => {
    expect(pickLanguage('auto', shipped, document, nav(['it', 'es', 'pl']))).toBe('es');
    expect(pickLanguage('auto', shipped, document, { language: 'fr' } as Navigator)).toBe('fr');
  });

  it('falls back from a region to its language, case-insensitively', () => {
    document.documentElement.lang = 'pl-PL';
    expect(pickLanguage('auto', shipped, document, nav(['en']))).toBe('pl');
    expect(pickLanguage('DE_at', shipped, document, nav(['en']))).toBe('de');
  });

  it('matches a region variant the site gives, in the site’s spelling', () => {
    document.documentElement.lang = 'PT-br';
    expect(pickLanguage('auto', [...shipped, 'pt-BR'], document, nav(['en']))).toBe('pt-BR');
  });

  it('tries the next source when one is not available, and ends with English', () => {
    document.documentElement.lang = 'it';
    expect(pickLanguage('ja', shipped, document, nav(['ko', 'fr-CA']))).toBe('fr');
    expect(pickLanguage('auto', shipped, document, nav(['ko']))).toBe('en');
    expect(pickLanguage(undefined, shipped, document, nav([]))).toBe('en');
  });
});
