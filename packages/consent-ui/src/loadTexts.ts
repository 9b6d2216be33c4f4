import type { ConsentConfig, ConsentTexts } from '../../core/src/consentConfig';
import { pickLanguage } from './pickLanguage';

type TextsModule = Promise<{ texts: ConsentTexts }>;

// Written out one by one so the bundler makes one chunk per language.
const shipped: { [lang: string]: () => TextsModule } = {
  en: () => import('./i18n/en'),
  pl: () => import('./i18n/pl'),
  de: () => import('./i18n/de'),
  fr: () => import('./i18n/fr'),
  es: () => import('./i18n/es'),
};

/**
 * Loads the texts of the visitor's language (`pickLanguage`) with the site's
 * `consent.texts` overrides applied; a language we do not ship is laid over English.
 * @example const { lang, texts } = await loadTexts({ lang: 'auto', texts: { pl: { title: 'Ciasteczka?' } } });
 */
export async function loadTexts(
  config: ConsentConfig,
  doc: Document = document,
  nav: Navigator = navigator,
): Promise<{ lang: string; texts: ConsentTexts }> {
  const own = config.texts && typeof config.texts == 'object' ? config.texts : {};
  const lang = pickLanguage(config.lang, [...Object.keys(shipped), ...Object.keys(own)], doc, nav);
  const code = lang.toLowerCase();
  const texts = { ...(await (Object.prototype.hasOwnProperty.call(shipped, code) ? shipped[code] : shipped.en)()).texts };
  for (const [key, overrides] of Object.entries(own)) {
    if (key.toLowerCase() != code || !overrides || typeof overrides != 'object') continue;
    // Only keys the UI knows, and only text: `__proto__` or markup objects from a config never get in.
    for (const [k, v] of Object.entries(overrides)) if (Object.prototype.hasOwnProperty.call(texts, k) && typeof v == 'string') texts[k as keyof ConsentTexts] = v;
  }
  return { lang, texts };
}
