import { SHA256_HEX } from '../../packages/core/src/limits.ts';
import { acceptAll, addToCart, COFFEE, fillCheckout, openCart, openProduct, pay } from '../support/shop.ts';
import { expect, expectStored, repeated, sha256Hex, test } from '../support/test.ts';
import { routeVendors, VENDOR_SCRIPTS } from '../support/vendorStandIns.ts';

// The whole shop funnel, clicked through like a visitor, against the real loader
// and endpoint: what the site owner's reports will be built from.

// Mixed case on purpose: the runtime must normalise before hashing (trim, lowercase).
const EMAIL = 'Jan.Kowalski@Example.PL';

test('every funnel step reaches the endpoint exactly once, with the right data', async ({ page, collector, traffic }) => {
  const url = (path: string) => new URL(path, collector.url).href;
  const pages = [url('/'), url(`/product.html?id=${COFFEE.id}`), url('/cart.html'), url('/checkout.html'), url('/thanks.html')];

  // The shop runs eight pixels once allowed: their hosts get stand-ins (e2e/pixels checks their calls).
  await routeVendors(page);
  await page.goto('/');
  await acceptAll(page);
  await openProduct(page, COFFEE);
  await addToCart(page, 2);
  await openCart(page);
  await fillCheckout(page, EMAIL);
  const orderId = await pay(page);

  const events = await expectStored(collector, {
    page_view: pages.length,
    view_item_list: 1,
    view_item: 1,
    add_to_cart: 1,
    begin_checkout: 1,
    add_payment_info: 1,
    purchase: 1,
  });
  const one = (name: string) => events.find((e) => e.name === name)!;

  // One page view per page, each pointing back at the page the visitor came from.
  const views = events.filter((e) => e.name === 'page_view').sort((a, b) => a.ts - b.ts);
  expect(views.map((e) => e.page.url)).toEqual(pages);
  expect(views.map((e) => e.page.referrer)).toEqual(['', ...pages.slice(0, -1)]);

  const twoBags = [{ item_id: COFFEE.id, item_name: COFFEE.name, price: COFFEE.price, quantity: 2 }];
  expect(one('view_item_list').params).toMatchObject({ item_list_id: 'all_products', item_list_name: 'All products' });
  expect(one('view_item_list').params.items).toHaveLength(6);
  expect(one('view_item_list').params.items).toContainEqual({ ...twoBags[0], quantity: 1 });
  expect(one('view_item').params).toEqual({ currency: 'PLN', value: 54.9, items: [{ ...twoBags[0], quantity: 1 }] });
  expect(one('add_to_cart').params).toEqual({ currency: 'PLN', value: 109.8, items: twoBags });
  expect(one('begin_checkout').params).toEqual({ currency: 'PLN', value: 109.8, items: twoBags });
  expect(one('add_payment_info').params).toEqual({ currency: 'PLN', value: 109.8, payment_type: 'card' });
  // 109.80 zł is under the 200 zł free-delivery line; 23% VAT is included in the price.
  expect(one('purchase').params).toEqual({
    transaction_id: orderId,
    currency: 'PLN',
    value: 109.8,
    tax: 20.53,
    shipping: 14.99,
    items: twoBags,
  });
  expect(one('purchase').page.url).toBe(pages[3]);

  expect(repeated(events.map((e) => e.id))).toEqual([]);
  for (const e of events) expect(e.consent, e.name).toMatchObject({ analytics: true, marketing: true });

  // The shop handed the raw email to identify(); only its hash may leave the browser.
  expect(one('purchase').user?.em).toBe(sha256Hex(EMAIL.trim().toLowerCase()));
  for (const e of events) {
    for (const value of Object.values(e.user ?? {})) expect(value, `${e.name}.user`).toMatch(SHA256_HEX);
  }
  const emailPattern = /kowalski/i;
  for (const r of traffic.requests) {
    expect(`${r.url} ${r.postData ?? ''}`, `${r.method} ${r.url}`).not.toMatch(emailPattern);
  }

  // Besides the endpoint, only the vendors' scripts (stand-ins here; one may still be on its way
  // as the test ends, or cut by a navigation). e2e/pixels checks what the vendors got, and when.
  const vendorHosts = Object.values(VENDOR_SCRIPTS).map((glob) => new URL(glob.replace('/**', '/')).host);
  for (const r of traffic.foreignRequests()) expect([r.resourceType, vendorHosts.includes(new URL(r.url).host)], r.url).toEqual(['script', true]);
});
