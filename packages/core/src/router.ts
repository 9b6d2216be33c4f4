import type { Choices, Decision, WireEvent } from './types';

/** What happens to an event, by the visitor's consent (ARCHITECTURE.md, routing table). */
export type Route = 'hold' | 'send' | 'drop';

/**
 * No decision yet: hold in memory. Analytics or marketing allowed: send.
 * Both refused: drop (a site-defined category alone sends nothing to the endpoint).
 */
export function route(decision: Decision | undefined): Route {
  if (!decision) return 'hold';
  return decision.c.analytics || decision.c.marketing ? 'send' : 'drop';
}

/**
 * Keeps only what the choices allow: visitor and session ids need analytics,
 * hashed user data and click ids need marketing.
 */
export function minimize(event: WireEvent, c: Choices): WireEvent {
  const out = { ...event, consent: c };
  if (!c.analytics) {
    delete out.anon_id;
    delete out.session_id;
  }
  if (!c.marketing) {
    delete out.user;
    delete out.click;
  }
  return out;
}
