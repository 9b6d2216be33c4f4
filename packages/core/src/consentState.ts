import { writeCookie } from './cookies';
import { createId } from './createId';
import { CONSENT_COOKIE, readDecision } from './readDecision';
import type { Choices, Decision } from './types';

export type ConsentOptions = {
  /** Policy revision: a stored decision made under a lower revision is asked again. */
  revision?: number;
  /** Days a decision is kept (default 182, about 6 months; at most 395, 13 months). */
  days?: number;
  cookieName?: string;
  cookieDomain?: string;
};

export type ConsentState = {
  /** The valid decision in force, or undefined when the visitor has not decided. */
  get(): Decision | undefined;
  /** Records a decision (merged into the previous one) and tells subscribers. */
  update(choices: Partial<Choices>): Decision;
  subscribe(listener: (decision: Decision, previous: Decision | undefined) => void): () => void;
};

const DAY = 86_400_000;

/**
 * The consent decision, held in memory and kept in a first-party cookie.
 * The banner of a later issue is only a view on this state.
 */
export function createConsentState(
  { revision = 1, days = 182, cookieName = CONSENT_COOKIE, cookieDomain }: ConsentOptions = {},
  doc: Document = document,
  now = Date.now,
): ConsentState {
  const maxDays = Math.min(days, 395);
  const valid = (d: Decision | undefined) => (d && d.rev >= revision && now() - d.ts < maxDays * DAY ? d : undefined);
  let decision = valid(readDecision(doc.cookie, cookieName));
  const listeners = new Set<(d: Decision, p: Decision | undefined) => void>();
  return {
    get: () => decision,
    update(choices) {
      const previous = decision;
      const c = { analytics: false, marketing: false, ...previous?.c } as Choices;
      for (const [k, v] of Object.entries(choices)) if (typeof v == 'boolean') c[k] = v;
      c.necessary = true;
      decision = { v: 1, id: previous?.id || createId(), ts: now(), rev: revision, c };
      writeCookie(cookieName, encodeURIComponent(JSON.stringify(decision)), { maxAge: maxDays * 86400, domain: cookieDomain }, doc);
      for (const l of listeners) l(decision, previous);
      return decision;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
