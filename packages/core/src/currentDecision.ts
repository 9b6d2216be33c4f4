import type { ConsentConfig } from './consentConfig';
import { readDecision } from './readDecision';
import type { Decision } from './types';

const DAY = 86_400_000;

/** Days a decision may be kept: `consent.days`, at most 395 (13 months, COMPLIANCE.md 7). */
export const lifetimeDays = (days?: number) => Math.min(days || 182, 395);

/**
 * The stored decision when it still holds: made under the current policy
 * revision, within its lifetime, and — while the browser signals Global
 * Privacy Control — not granting marketing unless that was chosen with GPC
 * on (COMPLIANCE.md 9: GPC is a binding opt-out, an explicit choice overrides
 * it). Otherwise the visitor is asked again. The loader calls this before
 * anything else runs, the runtime again.
 */
export function currentDecision(c: ConsentConfig, gpc: boolean, cookies: string, now: number): Decision | undefined {
  const d = readDecision(cookies, c.cookieName);
  return d && d.rev >= (c.revision || 1) && now - d.ts < lifetimeDays(c.days) * DAY && !(gpc && d.c.marketing && !d.g) ? d : undefined;
}

/** Whether the browser signals Global Privacy Control and the site honours it (default). */
export const gpcSignal = (c: ConsentConfig) => c.gpc !== false && (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

/**
 * What holds before any choice: nothing in opt-in mode; in opt-out mode
 * (US state laws) analytics and marketing run until the visitor opts out,
 * and GPC opts out of marketing by itself. Never stored; its id is ''.
 */
export function impliedDecision(c: ConsentConfig, gpc: boolean): Decision | undefined {
  return c.mode == 'opt-out' ? { v: 1, id: '', ts: 0, rev: c.revision || 1, c: { necessary: true, analytics: true, marketing: !gpc } } : undefined;
}
