import type { ConsentConfig } from './consentConfig';
import type { Config } from './createTracker';
import type { Problem } from './types';

/**
 * Runtime copies of the config types' keys (types are erased). Records, so
 * the compiler fails here when a key is added to or removed from the types.
 */
export const CONFIG_KEYS: Record<keyof Config, true> = {
  endpoint: true, debug: true, autoPageViews: true, consent: true, outbox: true,
  flushDelayMs: true, holdLimit: true, user: true, pixels: true, nonce: true, dataLayer: true,
};
export const CONSENT_KEYS: Record<keyof ConsentConfig, true> = {
  revision: true, days: true, cookieName: true, cookieDomain: true, lang: true, policyUrl: true,
  mode: true, gpc: true, ui: true, button: true, texts: true, categories: true, googleConsentMode: true,
};

/**
 * Reports the options tagrelay does not know (a typo is otherwise silently
 * ignored). Runs in the consent manager's chunk, off the runtime's start path;
 * `tagrelay check-config` does the same and more before deploy.
 */
export function checkOptions(config: Config, report: (p: Problem) => void): void {
  const unknown = (keys: object, where: string, given: object | undefined) => {
    for (const key of Object.keys(given || {})) {
      if (!Object.hasOwn(keys, key)) report({ code: 'unknown_option', message: `init: unknown option "${where}${key}"`, level: 'warn' });
    }
  };
  // Reported here rather than by the runtime, which has no bytes to spare; pixels alone are a valid setup.
  if (!config.endpoint)
    report({ code: 'no_endpoint', message: `init: no endpoint, events go ${config.pixels ? 'to browser pixels only' : 'nowhere'}`, level: 'warn' });
  unknown(CONFIG_KEYS, '', config);
  unknown(CONSENT_KEYS, 'consent.', config.consent);
}
