import type { Config, Tracker } from '@tagrelay/core';
import type { Missed } from './attachConsent';

/**
 * Loads the consent manager's chunk (attachConsent) and hands it the tracker.
 * Kept out of the runtime chunk for its size; what the tracker tells before
 * the chunk arrives (a queued consent('update'), a consent('show')) is kept
 * and replayed to it. Events are finished only once it is there: it may start
 * the pixels, which must see them all.
 */
export function startConsentManager(tracker: Tracker, config: Config, nonce?: string): void {
  const missed: Missed = [];
  const stops = [tracker.on('change', (change) => missed.push(change)), tracker.on('show', () => missed.push('show'))];
  // Events wait for the chunk (and the pixels it starts), so the first page view reaches them too.
  tracker._wait(
    import('./attachConsent').then(
      (m) => {
        stops.forEach((stop) => stop());
        return m.attachConsent(tracker, config, nonce, missed);
      },
      (e) => tracker._report({ code: 'consent_ui_unavailable', message: String(e), level: 'warn' }),
    ),
  );
}
