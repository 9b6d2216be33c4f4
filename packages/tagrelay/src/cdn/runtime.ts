import { startQueue } from '@tagrelay/core';

/**
 * The runtime chunk the loader imports. Importing it runs nothing; the loader
 * calls `start`, which takes over the snippet's command queue.
 */
export function start(): void {
  startQueue();
}
