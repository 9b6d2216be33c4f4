import type { BrowserContext } from '@playwright/test';
import type { Collector } from '../support/collector.ts';
import { acceptAll, addToCart, COFFEE, fillCheckout, openCart, openProduct, pay } from '../support/shop.ts';
import { track } from '../support/tagrelay.ts';
import { expect, expectStored, repeated, test } from '../support/test.ts';
import type { Traffic } from '../support/traffic.ts';

// ARCHITECTURE.md: every event is written to the outbox before any send and removed
// only once the endpoint acknowledged it. A purchase the endpoint never acknowledged
// must therefore outlive its tab, and go out from the next page of the same site.

// Unacknowledged events wait out the runtime's backoff before the next try.
const RETRY_TIMEOUT = 30_000;

/**
 * Opens a new tab with the endpoint reachable again; resolves when that tab has sent
 * the purchase and the endpoint holds it exactly once.
 */
async function reopenAndExpectPurchase(context: BrowserContext, collector: Collector, traffic: Traffic, transactionId: string) {
  await context.unroute('**/t/e');
  const reopenedAt = traffic.requests.length;
  await (await context.newPage()).goto('/privacy.html');

  const stored = await expectStored(collector, { purchase: 1 });
  const purchase = stored.find((e) => e.name === 'purchase')!;
  expect(purchase.params.transaction_id).toBe(transactionId);
  // Asserted on the wire because a closing tab's last beacon can slip past the route (Playwright
  // cannot hold a request of a tab that is gone) and store the purchase on its own. Even then the
  // tab never saw an acknowledgement, so the outbox still holds the purchase and the new tab sends it.
  await expect
    .poll(() => traffic.sentEvents(reopenedAt).map((s) => s.event.id), { message: 'events sent by the new tab' })
    .toContain(purchase.id);
}

test.describe('an unacknowledged purchase outlives its tab', () => {
  test('Pay clicked while the endpoint is blocked, tab closed on the thank-you page', async ({ context, page, collector, traffic }) => {
    await page.goto('/');
    await acceptAll(page);
    await openProduct(page, COFFEE);
    await addToCart(page);
    await openCart(page);
    await fillCheckout(page, 'buyer@example.pl');

    await context.route('**/t/e', (route) => route.abort());
    const orderId = await pay(page);
    await page.close();

    await reopenAndExpectPurchase(context, collector, traffic, orderId);
  });

  test('purchase tracked, tab closed at once', async ({ context, page, collector, traffic }) => {
    await page.goto('/privacy.html');
    await acceptAll(page);
    await context.route('**/t/e', (route) => route.abort());
    await track(page, 'purchase', { transaction_id: 'T-CLOSED-AT-ONCE', currency: 'PLN', value: 54.9 });
    await page.close();

    await reopenAndExpectPurchase(context, collector, traffic, 'T-CLOSED-AT-ONCE');
  });
});

test('events tracked while the endpoint process is down arrive once it is back, none twice', async ({ page, collector, traffic }) => {
  await page.goto('/privacy.html');
  await acceptAll(page);
  await expectStored(collector, { page_view: 1 });

  await collector.stop();
  for (let n = 0; n < 5; n++) await track(page, 'while_down', { n });
  // Only a send that failed makes this a test of retrying rather than of a slow batch timer.
  await expect
    .poll(() => traffic.requestsTo('/t/e').filter((r) => r.failure).length, { message: 'failed sends to /t/e', timeout: RETRY_TIMEOUT })
    .toBeGreaterThan(0);
  await collector.start();

  // No navigation, no flush: the page retries on its own.
  const stored = await expectStored(collector, { while_down: 5, page_view: 1 }, { timeout: RETRY_TIMEOUT });
  const down = stored.filter((e) => e.name === 'while_down');
  expect(down.map((e) => e.params.n).sort()).toEqual([0, 1, 2, 3, 4]);
  expect(repeated(down.map((e) => e.id))).toEqual([]);
});
