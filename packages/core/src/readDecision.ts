import { readCookie } from './cookies';
import type { Decision } from './types';

/** The cookie that keeps the visitor's consent decision; the endpoint reads it too. */
export const CONSENT_COOKIE = 'tr_consent';

/**
 * Parses the stored consent decision from a cookie string. Used by the loader
 * (synchronously, before anything else runs) and by the runtime; anything
 * malformed counts as no decision, so the visitor is simply asked again.
 */
export function readDecision(cookies: string, name = CONSENT_COOKIE): Decision | undefined {
  try {
    const raw = readCookie(name, cookies);
    const d = raw && JSON.parse(decodeURIComponent(raw));
    return d && d.v == 1 && typeof d.c == 'object' && d.c ? d : undefined;
  } catch {
    return undefined;
  }
}
