import type { Config, Tracker } from '@tagrelay/core';
import type { Missed } from './attachConsent';

/**
 * Loads the consent manager's chunk (attachConsent) and hands it the tracker.
 * Kept out of the runtime chunk for its size; what the tracker tells before
 * the chunk arrives (a queued consent('update'), a consent('show')) is kept
 * and replayed to it.
 */
export function startConsentManager(tracker: Tracker, config: Config, nonce?: string): void {
  const missed: Missed = [];
  const stops = [tracker.on('change', (change) => missed.push(change)), tracker.on('show', () => missed.push('show'))];
  import('./attachConsent').then(
    (m) => {
      stops.forEach((stop) => stop());
      m.attachConsent(tracker, config, nonce, missed);
    },
    (e) => tracker._report({ code: 'consent_ui_unavailable', message: String(e), level: 'warn' }),
  );
}
