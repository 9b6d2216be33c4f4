import { addToCart, COFFEE, openProduct } from '../support/shop.ts';
import { decisionCookie } from '../support/pages.ts';
import { expect, expectStored, test } from '../support/test.ts';
import { recordVendorCalls, routeVendors, VENDOR_SCRIPTS } from '../support/vendorStandIns.ts';

test('marketing allowed with TikTok switched off: Meta gets the events, TikTok not even its script', async ({ page, context, collector, traffic }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true }, { vd: { tiktok: false } })]);
  await routeVendors(page);
  const calls = await recordVendorCalls(page);
  await page.goto('/');
  await openProduct(page, COFFEE);
  await addToCart(page, 1);
  const events = await expectStored(collector, { page_view: 2, view_item: 1, add_to_cart: 1 });
  const addToCartId = events.find((e) => e.name == 'add_to_cart')!.id;
  await expect.poll(() => calls.some((c) => c.vendor == 'meta' && c.args[2] == 'AddToCart')).toBe(true);
  expect(calls.filter((c) => c.vendor == 'meta' && c.args[2] == 'AddToCart').map((c) => c.args[4])).toEqual([{ eventID: addToCartId }]);
  expect(calls.filter((c) => c.vendor == 'tiktok')).toEqual([]);
  const tiktokHost = new URL(VENDOR_SCRIPTS.tiktok!.replace('/**', '/')).host;
  expect(traffic.foreignRequests().filter((r) => new URL(r.url).host == tiktokHost)).toEqual([]);
  expect(await page.evaluate(() => 'ttq' in window)).toBe(false);
  // The endpoint hears which vendors were allowed: TikTok is not among them.
  const vendors = events.find((e) => e.name == 'add_to_cart')!.vendors!;
  expect(Object.keys(vendors)).toContain('meta');
  expect(Object.keys(vendors)).not.toContain('tiktok');
});
