import type { GoogleConsentModeOptions, VendorChoices } from '../../core/src/consentConfig';
import type { Choices, Decision } from '../../core/src/types';

/** Google Consent Mode v2 signals, e.g. `{ ad_storage: 'denied', analytics_storage: 'granted', ... }`. */
export type ConsentSignals = { [signal: string]: 'granted' | 'denied' };

const state = (on: unknown): 'granted' | 'denied' => (on ? 'granted' : 'denied');

/**
 * The Consent Mode v2 signals of a visitor's choices (COMPLIANCE.md 8); no choices → all denied but the necessary ones.
 *
 * @example consentSignals({ necessary: true, analytics: true, marketing: false }).analytics_storage // 'granted'
 */
export function consentSignals(c: Choices | undefined, vd?: VendorChoices): ConsentSignals {
  const ads = state(c?.marketing && vd?.google !== false);
  return {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
    // Personalised content and recommendations are asked for under marketing.
    personalization_storage: ads,
    analytics_storage: state(c?.analytics),
    functionality_storage: 'granted',
    security_storage: 'granted',
  };
}

/**
 * Issues, through `gtag`, the commands the loader runs before any Google tag
 * can: regional defaults (only while the visitor has not decided: a stored
 * decision holds everywhere), the general default, then the optional `set`s.
 *
 * @example consentModeDefaults(gtagPush(window), {}, undefined) // gtag('consent', 'default', { ..., wait_for_update: 500 })
 */
export function consentModeDefaults(
  gtag: (...args: unknown[]) => void,
  options: GoogleConsentModeOptions,
  /**
   * The decision in force: the visitor's stored one, or opt-out mode's implied
   * default (id ''), or none. Its vendor choice `google: false` denies the ad signals.
   */
  decision: Decision | undefined,
  /** Global Privacy Control is signalled and honoured: no regional default grants marketing (COMPLIANCE.md 9). */
  gpc = false,
): void {
  const stored = decision?.id;
  // A region entry ({ region, analytics, marketing }) reads as choices.
  if (!stored)
    for (const r of options.regions || []) gtag('consent', 'default', { ...consentSignals({ ...r, marketing: r.marketing && !gpc } as never), region: r.region });
  const signals = consentSignals(decision?.c, decision?.vd);
  gtag('consent', 'default', stored ? signals : { ...signals, wait_for_update: options.waitForUpdate ?? 500 });
  for (const name in options.set) gtag('set', name, options.set[name]);
}

/**
 * A `gtag`-like function that pushes onto `win[dataLayerName]` (created if
 * missing) without defining a global `gtag`.
 *
 * @example gtagPush(window)('consent', 'update', { ad_storage: 'granted' })
 */
export function gtagPush(win: Window, dataLayerName?: string): (...args: unknown[]) => void {
  const name = dataLayerName || 'dataLayer';
  return function () {
    // gtag.js only honours Arguments objects, not arrays; the layer is looked up
    // on every call in case the site replaced it.
    const w = win as unknown as { [name: string]: IArguments[] | undefined };
    (w[name] = w[name] || []).push(arguments);
  };
}
