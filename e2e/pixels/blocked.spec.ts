import { acceptAll, addToCart, COFFEE, fillCheckout, openCart, openProduct, pay } from '../support/shop.ts';
import { expect, expectStored, test } from '../support/test.ts';
import { recordVendorCalls, routeVendors } from '../support/vendorStandIns.ts';

test('an ad-blocked vendor: the funnel completes, first-party events arrive, the others get their calls, one warning per page', async ({ page, collector }) => {
  await routeVendors(page, { block: ['meta'] });
  const calls = await recordVendorCalls(page);
  const warnings: string[] = [];
  page.on('console', (m) => m.text().includes('pixel_failed') && warnings.push(`${new URL(page.url()).pathname} ${m.text()}`));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await acceptAll(page);
  await openProduct(page, COFFEE);
  await addToCart(page, 1);
  await openCart(page);
  await fillCheckout(page, 'jan@example.pl');
  await pay(page);

  const events = await expectStored(collector, { page_view: 5, view_item: 1, add_to_cart: 1, begin_checkout: 1, add_payment_info: 1, purchase: 1 });
  const purchase = events.find((e) => e.name == 'purchase')!;
  await expect.poll(() => calls.some((c) => c.vendor == 'tiktok' && c.args[1] == 'Purchase')).toBe(true);
  expect(calls.find((c) => c.vendor == 'tiktok' && c.args[1] == 'Purchase')!.args[3]).toEqual({ event_id: purchase.id });
  expect(calls.filter((c) => c.vendor == 'meta')).toEqual([]);
  // Reported once on each page that tried (debug mode prints it), never thrown.
  const pages = new Set(warnings.map((w) => w.split(' ')[0]));
  expect(warnings.length).toBeGreaterThan(0);
  expect(warnings.length).toBe(pages.size);
  expect(warnings.every((w) => w.includes('meta'))).toBe(true);
  expect(errors).toEqual([]);
  // The server path still has Meta: the event names it, with the browser id tagrelay made.
  expect(purchase.vendors?.meta).toBe('both');
  expect(purchase.click?.fbp).toMatch(/^fb\.0\.\d+\.\d+$/);
});
