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
  /** Stops listening to the other tabs. */
  close(): void;
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
  const adopt = (next: Decision) => {
    const previous = decision;
    decision = next;
    for (const l of listeners) l(next, previous);
  };
  // A choice made in one tab holds in the others at once: a withdrawal must stop them too
  // (COMPLIANCE.md 6). The cookie is already written by the tab that decided.
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel('tagrelay:' + cookieName) : undefined;
  if (channel) channel.onmessage = (e: MessageEvent) => e.data?.v == 1 && e.data.c && adopt(e.data as Decision);
  return {
    get: () => decision,
    update(choices) {
      const c = { analytics: false, marketing: false, ...decision?.c } as Choices;
      // Category names the endpoint accepts; anything else is not a choice.
      for (const [k, v] of Object.entries(choices)) if (typeof v == 'boolean' && /^[A-Za-z][\w-]{0,39}$/.test(k)) c[k] = v;
      c.necessary = true;
      const next: Decision = { v: 1, id: decision?.id || createId(), ts: now(), rev: revision, c };
      writeCookie(cookieName, encodeURIComponent(JSON.stringify(next)), { maxAge: maxDays * 86400, domain: cookieDomain }, doc);
      channel?.postMessage(next);
      adopt(next);
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel?.close(),
  };
}
