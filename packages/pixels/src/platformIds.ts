import { readCookie, writeCookie } from '../../core/src/cookies';
import type { ClickIds } from '../../core/src/types';
import { CLICK_VENDOR } from '../../core/src/clickVendors';
import { CLICK_ID_PARAMS, fbp, nextFbc, readClickIds } from './clickIds';

/** First-party ids the vendors' own scripts set, which their server APIs take back (PLATFORMS.md). */
const VENDOR_COOKIES: { [vendor: string]: [cookie: string, key: string][] } = {
  tiktok: [['_ttp', 'ttp']],
  linkedin: [['li_fat_id', 'li_fat_id']],
  snap: [['_scid', 'scid']],
  reddit: [['_rdt_uuid', 'rdt_uuid']],
};

/** Where tagrelay keeps the landing page's click ids for the pages after it. */
export const CLICK_COOKIE = 'tr_click';

/** Click ids live as long as Meta's `_fbc`: 90 days (PLATFORMS.md §1). */
const MAX_AGE = 90 * 86400;

export type PlatformIdsOptions = {
  /** The site's cookie domain (`consent.cookieDomain`), e.g. `.example.com`; the host when absent. */
  domain?: string | undefined;
  /** The page the event was tracked on (the landing page keeps its click ids); the document's URL when absent. */
  url?: string | undefined;
  now?: number;
};

/**
 * The identifiers the server path needs for the vendors allowed, to put on
 * events (`click`): the landing URL's click ids, kept in `tr_click` for the
 * pages after it; Meta's `_fbc` and `_fbp` in Meta's format, created by
 * tagrelay itself so that `mode: 'server'` needs no vendor script; and the
 * ids vendor scripts set (`_ttp`, `li_fat_id`, `_scid`, `_rdt_uuid`). Call with
 * marketing consent only. Ids of vendors no longer allowed leave `tr_click`.
 *
 * @example platformIds(['meta', 'google'], { domain: '.example.com' }) // { fbp: 'fb.1.1748779200000.123', gclid: 'Cj0K' }
 */
export function platformIds(allowed: string[], { domain, url, now = Date.now() }: PlatformIdsOptions = {}, doc: Document = document): ClickIds {
  const cookies = doc.cookie;
  const landing = readClickIds(url || doc.location.href);
  const storedClick = readCookie(CLICK_COOKIE, cookies);
  let stored: ClickIds = {};
  try {
    stored = JSON.parse(decodeURIComponent(storedClick || '{}'));
  } catch {
    // A damaged cookie is replaced below.
  }
  const ids: ClickIds = {};
  for (const name of CLICK_ID_PARAMS) {
    const key = name.toLowerCase();
    const value = landing[name] || stored[key];
    if (typeof value == 'string' && allowed.includes(CLICK_VENDOR[key]!)) ids[key] = value;
  }
  const kept = encodeURIComponent(JSON.stringify(ids));
  if (Object.keys(ids).length) {
    if (kept != storedClick) writeCookie(CLICK_COOKIE, kept, { maxAge: MAX_AGE, domain }, doc);
  } else if (storedClick) writeCookie(CLICK_COOKIE, '', { maxAge: 0, domain }, doc);

  if (allowed.includes('meta')) {
    const host = domain || doc.location.hostname;
    const storedFbc = readCookie('_fbc', cookies);
    const fbc = nextFbc(storedFbc, landing.fbclid, host, now);
    if (fbc && fbc != storedFbc) writeCookie('_fbc', fbc, { maxAge: MAX_AGE, domain }, doc);
    let browser = readCookie('_fbp', cookies);
    if (!browser) writeCookie('_fbp', (browser = fbp(host, now)), { maxAge: MAX_AGE, domain }, doc);
    if (fbc) ids.fbc = fbc;
    ids.fbp = browser;
  }
  for (const vendor of allowed)
    for (const [cookie, key] of VENDOR_COOKIES[vendor] || []) {
      const value = readCookie(cookie, cookies);
      if (value && !ids[key]) ids[key] = decodeURIComponent(value);
    }
  return ids;
}
