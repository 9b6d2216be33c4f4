import { writeCookie } from '../../core/src/cookies';
import type { Decision } from '../../core/src/types';
import { vendorAllowed } from '../../core/src/vendorAllowed';
import { vendors } from './vendors';

const matches = (name: string, pattern: string) =>
  pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name == pattern;

/**
 * Deletes the cookies whose names match the patterns (`_fbp`, or a prefix as
 * `_ga_*`), on the host and on each parent domain: vendors set them on the
 * site's registrable domain, which the browser does not tell us.
 *
 * @example removeVendorCookies(['_fbp', '_ga_*'])
 */
export function removeVendorCookies(patterns: string[], doc: Document = document): void {
  const host = doc.location?.hostname || '';
  const labels = host.split('.');
  const domains: (string | undefined)[] = [undefined];
  // `.shop.example.com`, `.example.com`, never the bare TLD; an IP address has no parents.
  if (!/^[\d.]+$|:/.test(host)) for (let i = 0; i < labels.length - 1; i++) domains.push('.' + labels.slice(i).join('.'));
  for (const part of doc.cookie.split('; ')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!name || !patterns.some((p) => matches(name, p))) continue;
    for (const domain of domains) writeCookie(name, '', { maxAge: 0, domain }, doc);
  }
}

const allows = (d: Decision | undefined, vendor: string) => !d || vendorAllowed(d, vendor);

/**
 * The cookie patterns a change withdraws: a vendor's when marketing or that
 * vendor went from allowed to not, Google Analytics' when analytics did.
 * No previous decision counts as allowed: in opt-out mode vendors may have
 * run before any decision, and deleting a cookie that is not there costs nothing.
 *
 * @example withdrawnCookies(accepted, rejected, ['meta']) // ['_fbp', '_fbc', '_ga', '_ga_*', '_gid', '_gat*']
 */
export function withdrawnCookies(previous: Decision | undefined, next: Decision, vendorKeys: string[]): string[] {
  const patterns: string[] = [];
  for (const key of vendorKeys) {
    if (allows(previous, key) && !allows(next, key)) patterns.push(...(vendors[key]?.cookies || []));
  }
  if ((!previous || previous.c.analytics) && !next.c.analytics) patterns.push(...(vendors.google.analyticsCookies || []));
  return patterns;
}
