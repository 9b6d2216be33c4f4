import type { Decision } from '../../core/src/types';
import { consentSignals, gtagPush } from './consentSignals';

/**
 * Tells Google tags and GTM about a decision: `gtag('consent', 'update', ...)`,
 * then a `tagrelay_consent` data layer event GTM triggers can use.
 *
 * @example consentModeUpdate(decision, window) // dataLayer: [..., Arguments['consent', 'update', {...}], { tagrelay_consent: null }, { event: 'tagrelay_consent', ... }]
 */
export function consentModeUpdate(decision: Decision, win: Window = window, dataLayerName = 'dataLayer'): void {
  const push = gtagPush(win, dataLayerName);
  push('consent', 'update', consentSignals(decision.c, decision.vd));
  const dataLayer = (win as unknown as { [name: string]: unknown[] })[dataLayerName];
  // GTM merges pushed objects into what it already holds: without the reset a
  // vendor missing from this decision would keep its value from an earlier one.
  dataLayer.push({ tagrelay_consent: null });
  dataLayer.push({ event: 'tagrelay_consent', tagrelay_consent: { ...decision.c, vendors: decision.vd || {} } });
}
