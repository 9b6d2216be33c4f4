import { readCookie } from './cookies';
import type { Decision } from './types';

/** The cookie that keeps the visitor's consent decision; the endpoint reads it too. */
export const CONSENT_COOKIE = 'tr_consent';

/**
 * Parses the stored consent decision from a cookie string. Used by the loader
 * (synchronously, before anything else runs) and by the runtime; anything
 * malformed counts as no decision, so the visitor is simply asked again.
 */
export function readDecision(cookies: string, name?: string): Decision | undefined {
  try {
    const raw = readCookie(name || CONSENT_COOKIE, cookies);
    const d = raw && JSON.parse(decodeURIComponent(raw));
    return d?.v == 1 && d.c ? d : undefined;
  } catch {
    return undefined;
  }
}
