import { CLICK_ID_MAX_LENGTH } from '../../core/src/limits';
import type { ClickIds } from '../../core/src/types';

/**
 * The click ids platforms put on landing URLs, by query parameter
 * (PLATFORMS.md; names are case-sensitive: Snap's is `ScCid`).
 */
export const CLICK_ID_PARAMS = ['fbclid', 'ttclid', 'li_fat_id', 'gclid', 'gbraid', 'wbraid', 'ScCid', 'twclid', 'rdt_cid'] as const;

/**
 * The click ids of a landing URL, exactly as given (never re-cased or
 * decoded twice). Read with marketing consent only.
 *
 * @example readClickIds('https://shop.example/?fbclid=IwAR2x&utm_source=fb') // { fbclid: 'IwAR2x' }
 */
export function readClickIds(url: string): ClickIds {
  const found: ClickIds = {};
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return found;
  }
  for (const name of CLICK_ID_PARAMS) {
    const value = query.get(name);
    if (value && value.length <= CLICK_ID_MAX_LENGTH) found[name] = value;
  }
  return found;
}

/**
 * Meta's subdomain index: the labels of the cookie's domain minus one
 * (`example.com` → 1, `shop.example.com` → 2); `localhost` → 0.
 */
export const subdomainIndex = (domain: string) => domain.replace(/^\./, '').split('.').filter(Boolean).length - 1;

/** `_fbc` from an fbclid: `fb.{subdomainIndex}.{creationTimeMs}.{fbclid}`, the fbclid untouched. */
export const fbc = (fbclid: string, domain: string, now: number) => `fb.${subdomainIndex(domain)}.${now}.${fbclid}`;

/** `_fbp`, the browser id: `fb.{subdomainIndex}.{creationTimeMs}.{random}`, random a positive integer below 2^31. */
export const fbp = (domain: string, now: number, random = Math.floor(Math.random() * 2 ** 31)) => `fb.${subdomainIndex(domain)}.${now}.${random}`;

/**
 * Parses `_fbc`/`_fbp`, accepting the 4 parts Meta writes and a 5th (a
 * language tag some SDKs append); undefined when it is not Meta's format.
 */
export function parseFbCookie(value: string | undefined): { index: number; time: number; id: string } | undefined {
  const parts = value?.split('.');
  if (!parts || parts[0] != 'fb' || (parts.length != 4 && parts.length != 5)) return undefined;
  const index = Number(parts[1]);
  const time = Number(parts[2]);
  if (!Number.isInteger(index) || !Number.isInteger(time) || !parts[3]) return undefined;
  return { index, time, id: parts[3] };
}

/**
 * The `_fbc` to keep after a landing: a new fbclid resets the time, the same
 * one keeps the stored cookie as it is (its creation time stands).
 */
export function nextFbc(stored: string | undefined, fbclid: string | undefined, domain: string, now: number): string | undefined {
  if (!fbclid || fbclid.length > CLICK_ID_MAX_LENGTH) return stored;
  return parseFbCookie(stored)?.id == fbclid ? stored : fbc(fbclid, domain, now);
}
