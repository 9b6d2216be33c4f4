import { createTracker, type Config, type Tracker } from '@tagrelay/core';
import { startConsentManager } from './startConsentManager';
import { startConsent } from './startConsent';

export type {
  BatchResult,
  CategoryConfig,
  ChangeInfo,
  Choices,
  Config,
  ConsentChange,
  ConsentConfig,
  ConsentTexts,
  Decision,
  EventBatch,
  GoogleConsentModeOptions,
  HashedUser,
  Params,
  PixelConfig,
  Problem,
  Receipt,
  Tracker,
  TrackerEvents,
  UserInput,
  VendorChoices,
  WireEvent,
} from '@tagrelay/core';

/**
 * Starts tagrelay in an app that bundles it, and returns its commands. Like
 * the paste-in loader, it sets the Google Consent Mode defaults first, then
 * shows the consent banner to a visitor who has not decided (lazily loaded).
 *
 * @example
 * const tags = init({ endpoint: '/t' });
 * tags.track('purchase', { value: 99.5, currency: 'PLN', transaction_id: 'T1' });
 */
export function init(config: Config): Tracker {
  startConsent(config?.consent || {});
  const tracker = createTracker(config);
  startConsentManager(tracker, config || {}, config?.nonce);
  return tracker;
}
