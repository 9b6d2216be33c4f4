/**
 * The language to show: `configured` unless missing or `'auto'`, then `<html lang>`,
 * then the browser's languages; each tried as is, then without its region
 * (`pl-PL` → `pl`), case-insensitively; else `'en'`. Returns the spelling in `available`.
 * @example pickLanguage('auto', ['en', 'pl'], document, navigator) // 'pl' on <html lang="pl-PL">
 */
export function pickLanguage(configured: string | undefined, available: string[], doc: Document = document, nav: Navigator = navigator): string {
  const wanted = configured && configured != 'auto' ? [configured] : [];
  wanted.push(doc.documentElement?.lang, ...(nav.languages || []), nav.language);
  const find = (code: string) => available.find((a) => a.toLowerCase() == code);
  for (const w of wanted) {
    const code = typeof w == 'string' && w.trim().toLowerCase().replace(/_/g, '-');
    const hit = code && (find(code) || find(code.split('-')[0]));
    if (hit) return hit;
  }
  return 'en';
}
