import type { ConsentConfig } from '../../core/src/consentConfig';
import { currentDecision, gpcSignal, impliedDecision } from '../../core/src/currentDecision';
import type { Decision } from '../../core/src/types';
import { consentModeDefaults, gtagPush } from '../../consent-ui/src/consentSignals';

/**
 * The first thing tagrelay does on a page, in the loader (or in `init()` of
 * the npm package): reads the stored decision synchronously and issues the
 * Google Consent Mode defaults before any Google tag can run (COMPLIANCE.md 8).
 * Returns the decision in force: the stored one, or opt-out mode's implied
 * default (id '', not stored), or undefined.
 */
export function startConsent(c: ConsentConfig): Decision | undefined {
  const gpc = gpcSignal(c);
  const decision = currentDecision(c, gpc, document.cookie, Date.now()) || impliedDecision(c, gpc);
  const gcm = c.googleConsentMode;
  if (gcm !== false) {
    try {
      const options = gcm === true || !gcm ? {} : gcm;
      consentModeDefaults(gtagPush(window, options.dataLayer), options, decision, gpc);
    } catch {
      // A data layer the site broke (not an array) must not stop tagrelay itself.
    }
  }
  return decision;
}
