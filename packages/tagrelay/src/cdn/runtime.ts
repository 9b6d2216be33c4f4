import { createTracker, startQueue, type Config } from '@tagrelay/core';
import { startConsentManager } from '../startConsentManager';

/**
 * The runtime chunk the loader imports. Importing it runs nothing; the loader
 * calls `start`, which takes over the snippet's command queue and puts the
 * consent manager on the tracker. The loader's CSP nonce becomes the default
 * for scripts tagrelay adds later.
 */
export function start(nonce?: string): void {
  startQueue(window, (config: Config = {}) => {
    const tracker = createTracker({ nonce, ...config });
    startConsentManager(tracker, config, config.nonce || nonce);
    return tracker;
  });
}
