import { createHash } from 'node:crypto';
import { expect, mergeTests } from '@playwright/test';
import type { StoredEvent, StoredReceipt } from '../../packages/collector/src/index.ts';
import { test as collectorTest, type Collector } from './collector.ts';
import { test as trafficTest } from './traffic.ts';

/** Playwright's `test` with `collector` (own endpoint per test, also the `baseURL`) and `traffic` (recorder). */
export const test = mergeTests(collectorTest, trafficTest);
export { expect };

/** Event counts by name. */
export function countByName(events: readonly { name: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.name] = (counts[e.name] ?? 0) + 1;
  return counts;
}

/**
 * Waits until the endpoint has stored exactly `counts` events of each name given
 * (other names are ignored), then returns all stored events. Polls, never sleeps:
 * fast when delivery is fast, and a duplicate that arrives in time fails the wait.
 */
export async function expectStored(
  collector: Collector,
  counts: Record<string, number>,
  { timeout = 15_000 } = {},
): Promise<StoredEvent[]> {
  await expect
    .poll(async () => pick(countByName(await collector.events()), Object.keys(counts)), {
      message: 'events stored by the endpoint, by name',
      timeout,
    })
    .toEqual(counts);
  return collector.events();
}

/** Waits until exactly `count` receipts are stored for `consentId` (a late duplicate fails the wait), then returns them. */
export async function expectReceipts(collector: Collector, consentId: string, count = 1): Promise<StoredReceipt[]> {
  await expect.poll(async () => (await collector.receipts(consentId)).length, { message: `receipts of ${consentId}` }).toBe(count);
  return collector.receipts(consentId);
}

const pick = (counts: Record<string, number>, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, counts[name] ?? 0]));

/** The values that occur more than once, e.g. event ids that were stored or sent twice. */
export function repeated(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => seen.has(v) || !seen.add(v));
}

/** Lowercase hex SHA-256, computed here in Node to check what the browser hashed. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
