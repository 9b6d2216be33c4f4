import { acceptAll, addToCart, COFFEE, openProduct } from '../support/shop.ts';
import { expect, expectStored, test } from '../support/test.ts';
import { recordVendorCalls, routeVendors } from '../support/vendorStandIns.ts';

test('marketing withdrawn mid-funnel: no vendor hears of later events; the endpoint still gets them without marketing data', async ({ page, collector, context, traffic }) => {
  await routeVendors(page);
  const calls = await recordVendorCalls(page);
  await page.goto('/');
  await acceptAll(page);
  await openProduct(page, COFFEE);
  // The product view reached the vendors (control) before the visitor changes their mind.
  const viewed = (await expectStored(collector, { page_view: 2, view_item: 1 })).find((e) => e.name == 'view_item')!;
  await expect.poll(() => calls.filter((c) => JSON.stringify(c.args).includes(viewed.id)).length).toBe(6);

  // The visitor changes their mind on the product page (as the footer's Privacy settings would).
  await page.evaluate(() => (window as unknown as { tagrelay: (...a: unknown[]) => void }).tagrelay('consent', 'update', { analytics: true, marketing: false }));
  await addToCart(page, 1);
  const events = await expectStored(collector, { page_view: 2, view_item: 1, add_to_cart: 1 });
  const added = events.find((e) => e.name == 'add_to_cart')!;
  expect(added.consent.marketing).toBe(false);
  // As the browser sent it (the endpoint would strip these anyway): no vendors, no click ids, no user.
  const sent = traffic.sentEvents().filter((x) => x.event.id == added.id);
  expect(sent.length).toBeGreaterThan(0);
  for (const { event } of sent) expect([event.vendors, event.click, event.user]).toEqual([undefined, undefined, undefined]);
  // The event after the withdrawal reached no vendor.
  expect(calls.filter((c) => JSON.stringify(c.args).includes(added.id))).toEqual([]);
  // Meta was told through its own switch.
  expect(calls.filter((c) => c.vendor == 'meta' && c.args[0] == 'consent').map((c) => c.args[1])).toEqual(['grant', 'grant', 'revoke']);
  // Meta's cookies went with the withdrawal.
  expect((await context.cookies()).map((c) => c.name)).not.toContain('_fbp');
});
