import type { Page } from '@playwright/test';
import { acceptAll, addToCart, COFFEE, consentDialog, openCart, openProduct, rejectAll } from '../support/shop.ts';
import { consentDecision, flush, track } from '../support/tagrelay.ts';
import { expect, test } from '../support/test.ts';

// ARCHITECTURE.md routing table, "rejected all": events are dropped; nothing but
// the consent receipt goes to the endpoint, and only the consent cookie is kept.

/**
 * Browses, tracks, flushes, reloads and tracks again. Every `flush` is awaited, so
 * once this returns any event the runtime meant to send has been put on the wire:
 * the control test below proves that of this very journey.
 */
async function browseAndTrack(page: Page): Promise<void> {
  await openProduct(page, COFFEE);
  await addToCart(page);
  await openCart(page);
  await track(page, 'after_decision', { step: 1 });
  await flush(page);
  await page.reload();
  await track(page, 'after_reload', { step: 2 });
  await flush(page);
}

test('after "Reject all" nothing is ever sent to /t/e, reload included, and only tr_consent is set', async ({ page, collector, traffic }) => {
  await page.goto('/');
  await rejectAll(page);
  expect(await consentDecision(page)).toMatchObject({ c: { analytics: false, marketing: false } });
  expect((await traffic.checkpoint('after reject')).map((c) => c.name)).toEqual(['tr_consent']);

  await browseAndTrack(page);
  // The reload remembered the choice: no decision is asked for again.
  expect(await consentDecision(page)).toMatchObject({ c: { analytics: false, marketing: false } });
  await expect(consentDialog(page)).toBeHidden();

  // The wire, not only the store: the endpoint would drop no-consent events and hide a leak.
  expect(traffic.requestsTo('/t/e')).toEqual([]);
  expect(await collector.events()).toEqual([]);
  expect((await traffic.checkpoint('after reload')).map((c) => c.name)).toEqual(['tr_consent']);
});

test('control: the same journey after "Accept all" does send to /t/e', async ({ page, traffic }) => {
  await page.goto('/');
  await acceptAll(page);
  await browseAndTrack(page);
  const sent = traffic.sentEvents().map((s) => s.event.name);
  expect(sent).toEqual(expect.arrayContaining(['after_decision', 'after_reload']));
});
