import { createTracker, type Config, type Tracker } from '@tagrelay/core';

export type {
  Choices,
  Config,
  Decision,
  EventBatch,
  BatchResult,
  HashedUser,
  Params,
  Problem,
  Tracker,
  TrackerEvents,
  UserInput,
  WireEvent,
} from '@tagrelay/core';

/**
 * Starts tagrelay in an app that bundles it, and returns its commands.
 *
 * @example
 * const tags = init({ endpoint: '/t' });
 * tags.track('purchase', { value: 99.5, currency: 'PLN', transaction_id: 'T1' });
 */
export function init(config: Config): Tracker {
  return createTracker(config);
}
