import type { ConsentConfig, VendorChoices } from './consentConfig';
import { writeCookie } from './cookies';
import { createId } from './createId';
import { currentDecision, gpcSignal, impliedDecision, lifetimeDays } from './currentDecision';
import { CATEGORY_KEY, VENDOR_KEY } from './limits';
import { CONSENT_COOKIE } from './readDecision';
import type { Choices, Decision } from './types';

export type ConsentState = {
  /** The decision in force: the visitor's valid stored one, or opt-out mode's implied default (id ''), or undefined. */
  get(): Decision | undefined;
  /** Whether Global Privacy Control is signalled and honoured on this page. */
  gpc: boolean;
  /** Records a decision (merged into the one in force) and tells subscribers. */
  update(choices: Partial<Choices>, vendors?: VendorChoices): Decision;
  /** `remote` is true for a decision made in another tab. */
  subscribe(listener: (decision: Decision, previous: Decision | undefined, remote: boolean) => void): () => void;
  /** Stops listening to the other tabs. */
  close(): void;
};

/**
 * The consent decision, held in memory and kept in a first-party cookie.
 * The banner is only a view on this state.
 */
export function createConsentState(
  config: ConsentConfig = {},
  doc: Document = document,
  now = Date.now,
  gpc = gpcSignal(config),
): ConsentState {
  const { revision = 1, cookieName = CONSENT_COOKIE, cookieDomain } = config;
  let decision = currentDecision(config, gpc, doc.cookie, now());
  const implied = impliedDecision(config, gpc);
  const listeners = new Set<(d: Decision, p: Decision | undefined, remote: boolean) => void>();
  const adopt = (next: Decision, remote: boolean) => {
    const previous = decision || implied;
    decision = next;
    for (const l of listeners) l(next, previous, remote);
  };
  // A choice made in one tab holds in the others at once: a withdrawal must stop them too
  // (COMPLIANCE.md 6). The cookie is already written by the tab that decided.
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel('tagrelay:' + cookieName) : undefined;
  if (channel) channel.onmessage = (e: MessageEvent) => e.data?.v == 1 && e.data.c && adopt(e.data as Decision, true);
  const pick = <T extends object>(into: T, from: object | undefined, key: RegExp) => {
    for (const [k, v] of Object.entries(from || {})) if (typeof v == 'boolean' && key.test(k)) (into as Record<string, boolean>)[k] = v;
    return into;
  };
  return {
    get: () => decision || implied,
    gpc,
    update(choices, vendors) {
      const base = decision || implied;
      const c = pick({ analytics: false, marketing: false, ...base?.c } as Choices, choices, CATEGORY_KEY);
      c.necessary = true;
      // Strictly later than the last decision: a receipt is keyed by consent id, time and action.
      const next: Decision = { v: 1, id: decision?.id || createId(), ts: Math.max(now(), (decision?.ts || 0) + 1), rev: revision, c };
      const vd = pick({ ...base?.vd }, vendors, VENDOR_KEY);
      // Marketing granted or withdrawn without a word on vendors: every vendor follows it again (the
      // refusals go with a grant; with a withdrawal, the grants, an embed's own included).
      if (!vendors && c.marketing != !!base?.c.marketing) for (const k in vd) if (vd[k] != c.marketing) delete vd[k];
      if (Object.keys(vd).length) next.vd = vd;
      // Made with GPC in view: a marketing grant here is the visitor's explicit override.
      if (gpc) next.g = 1;
      writeCookie(cookieName, encodeURIComponent(JSON.stringify(next)), { maxAge: lifetimeDays(config.days) * 86400, domain: cookieDomain }, doc);
      channel?.postMessage(next);
      adopt(next, false);
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel?.close(),
  };
}
