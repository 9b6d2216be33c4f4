import { createTracker, startQueue, type Config } from '@tagrelay/core';

/**
 * The runtime chunk the loader imports. Importing it runs nothing; the loader
 * calls `start`, which takes over the snippet's command queue. The loader's
 * CSP nonce becomes the default for scripts tagrelay adds later.
 */
export function start({ nonce }: { nonce?: string | undefined } = {}): void {
  startQueue(window, (config?: Config) => createTracker({ nonce, ...config }));
}
