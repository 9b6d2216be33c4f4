import { deliveryLimits } from './deliveryLimits';

export type KeepaliveBudget = { take(bytes: number): boolean; release(bytes: number): void };

/**
 * Our share of the browser's 64 KiB in-flight keepalive budget (PLATFORMS.md §7):
 * a keepalive request over it fails outright, so we only ask for keepalive
 * while our own in-flight keepalive bodies stay under the limit.
 */
export function createKeepaliveBudget(limit: number = deliveryLimits.keepaliveBudgetBytes): KeepaliveBudget {
  let inFlight = 0;
  return {
    take(bytes) {
      if (inFlight + bytes > limit) return false;
      inFlight += bytes;
      return true;
    },
    release(bytes) {
      inFlight = Math.max(0, inFlight - bytes);
    },
  };
}
