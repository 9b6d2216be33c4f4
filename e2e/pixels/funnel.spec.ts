import { acceptAll, addToCart, COFFEE, consentDialog, fillCheckout, openCart, openProduct, pay } from '../support/shop.ts';
import { expect, expectStored, test } from '../support/test.ts';
import { recordVendorCalls, routeVendors, VENDOR_SCRIPTS } from '../support/vendorStandIns.ts';

// The demo shop runs all eight shims (stand-in ids in its config); every vendor host is
// routed to a stand-in that drains the stub like the vendor's library and records each call.

const VENDORS = Object.keys(VENDOR_SCRIPTS);
const isVendorHost = (url: string) => VENDORS.some((v) => new URL(url).host == new URL(VENDOR_SCRIPTS[v]!.replace('/**', '/')).host);

test('nothing reaches a vendor before consent; after Accept all the funnel gives each vendor exactly its calls, with the endpoint ids', async ({ page, collector, traffic, context }) => {
  await routeVendors(page);
  const calls = await recordVendorCalls(page);

  await page.goto('/');
  await expect(consentDialog(page)).toBeVisible();
  // The banner is up: no vendor script, no vendor global, no vendor cookie.
  expect(traffic.foreignRequests(), 'vendor requests before a decision').toEqual([]);
  expect(await page.evaluate(() => ['fbq', 'ttq', 'lintrk', 'gtag', 'pintrk', 'snaptr', 'twq', 'rdt'].filter((g) => g in window))).toEqual([]);
  expect((await context.cookies()).map((c) => c.name).filter((n) => n != 'tr_consent')).toEqual([]);

  // A visitor who stays a moment on each page: the vendor scripts arrive before the next click. (Calls
  // still waiting in a stub when the page is left are lost to the pixel: the server path has the event.)
  const vendorsLoaded = () => expect.poll(() => page.evaluate(() => (window as unknown as { __vendorLoaded?: string[] }).__vendorLoaded?.length ?? 0)).toBe(8);
  await acceptAll(page);
  await vendorsLoaded();
  await openProduct(page, COFFEE);
  await addToCart(page, 2);
  await vendorsLoaded();
  await openCart(page);
  await vendorsLoaded();
  await fillCheckout(page, 'Jan.Kowalski@Example.PL');
  await vendorsLoaded();
  const orderId = await pay(page);

  const events = await expectStored(collector, { page_view: 5, view_item_list: 1, view_item: 1, add_to_cart: 1, begin_checkout: 1, add_payment_info: 1, purchase: 1 });
  const idOf = (name: string) => events.find((e) => e.name == name)!.id;
  const pageViewIds = new Set(events.filter((e) => e.name == 'page_view').map((e) => e.id));
  const purchase = events.find((e) => e.name == 'purchase')!;
  const of = (vendor: string) => calls.filter((c) => c.vendor == vendor).map((c) => c.args);
  // The thank-you page's vendor scripts may still be arriving: every vendor has then heard its last page view.
  const lastView = events.filter((e) => e.name == 'page_view').sort((a, b) => a.ts - b.ts).at(-1)!.id;
  for (const vendor of VENDORS.filter((v) => v != 'linkedin' && v != 'x'))
    await expect.poll(() => JSON.stringify(of(vendor)).includes(lastView), `${vendor} heard the last page view`).toBe(true);
  // Every vendor script came from its own host only, once per page, after the decision.
  expect(traffic.foreignRequests().every((r) => isVendorHost(r.url))).toBe(true);

  // The endpoint is told which vendors were allowed, and how each is reached.
  expect(purchase.vendors).toEqual({ meta: 'both', tiktok: 'both', linkedin: 'both', google: 'both', pinterest: 'both', snap: 'both', x: 'both', reddit: 'both' });
  expect(purchase.click?.fbp).toMatch(/^fb\.0\.\d{13}\.\d+$/);

  // Meta: consent, init (advanced matching once the email is known), then one trackSingle per event, the event id as eventID.
  const meta = of('meta');
  expect(meta.filter((a) => a[0] == 'trackSingle' && a[2] == 'PageView').map((a) => (a[4] as { eventID: string }).eventID).sort()).toEqual([...pageViewIds].sort());
  expect(meta).toContainEqual(['trackSingle', '1234567890', 'ViewContent', { value: COFFEE.price, currency: 'PLN', content_ids: [COFFEE.id], contents: [{ id: COFFEE.id, quantity: 1, item_price: COFFEE.price }], content_type: 'product', content_name: COFFEE.name }, { eventID: idOf('view_item') }]);
  expect(meta).toContainEqual(['trackSingle', '1234567890', 'AddToCart', { value: 109.8, currency: 'PLN', content_ids: [COFFEE.id], contents: [{ id: COFFEE.id, quantity: 2, item_price: COFFEE.price }], content_type: 'product', content_name: COFFEE.name }, { eventID: idOf('add_to_cart') }]);
  expect(meta).toContainEqual(['trackSingle', '1234567890', 'Purchase', { value: 109.8, currency: 'PLN', content_ids: [COFFEE.id], contents: [{ id: COFFEE.id, quantity: 2, item_price: COFFEE.price }], content_type: 'product', content_name: COFFEE.name, num_items: 2, order_id: orderId }, { eventID: purchase.id }]);
  expect(meta.filter((a) => a[0] == 'consent')).toEqual(Array(5).fill(['consent', 'grant']));
  // The thank-you page knows the visitor: its init carries the hashed email the endpoint got.
  expect(meta).toContainEqual(['init', '1234567890', { em: purchase.user!.em }]);

  // TikTok: track with event_id, purchase under Purchase, contents with content_id.
  const tiktok = of('tiktok');
  expect(tiktok).toContainEqual(['track', 'Purchase', { contents: [{ content_id: COFFEE.id, content_type: 'product', content_name: COFFEE.name, price: COFFEE.price, quantity: 2 }], content_type: 'product', currency: 'PLN', value: 109.8, order_id: orderId }, { event_id: purchase.id }]);
  expect(tiktok.filter((a) => a[1] == 'Pageview').map((a) => (a[3] as { event_id: string }).event_id).sort()).toEqual([...pageViewIds].sort());
  expect(tiktok).toContainEqual(['load', 'CABCDEF123']);
  // On this pixel's own instance, so a TikTok pixel of the site's own would not count it again.
  expect(calls.find((c) => c.vendor == 'tiktok' && c.args[1] == 'Purchase')?.instance).toBe('CABCDEF123');

  // LinkedIn: conversions only for the events given a rule id.
  expect(of('linkedin').filter((a) => a[0] == 'track')).toEqual([
    ['track', { conversion_id: 9876501, event_id: idOf('add_to_cart') }],
    ['track', { conversion_id: 9876502, event_id: purchase.id }],
  ]);

  // Google: GA4 events with event_id, the Ads conversion keyed by the order id, no automatic page view.
  const google = of('google');
  expect(google).toContainEqual(['config', 'AW-123456789', { send_page_view: false }]);
  expect(google).toContainEqual(['event', 'purchase', { transaction_id: orderId, value: 109.8, currency: 'PLN', items: [{ item_id: COFFEE.id, item_name: COFFEE.name, price: COFFEE.price, quantity: 2 }], event_id: purchase.id, send_to: 'AW-123456789' }]);
  expect(google).toContainEqual(['event', 'conversion', { send_to: 'AW-123456789/demoPurchase', value: 109.8, currency: 'PLN', transaction_id: orderId }]);

  // Pinterest: its own names, event_id on each.
  expect(of('pinterest')).toContainEqual(['track', 'checkout', { value: 109.8, currency: 'PLN', order_id: orderId, order_quantity: 2, line_items: [{ product_id: COFFEE.id, product_name: COFFEE.name, product_price: COFFEE.price, product_quantity: 2 }], event_id: purchase.id }]);
  // Snap: client_dedup_id.
  expect(of('snap')).toContainEqual(['track', 'PURCHASE', { price: 109.8, currency: 'PLN', item_ids: [COFFEE.id], number_items: 2, transaction_id: orderId, client_dedup_id: purchase.id }]);
  // X: the configured event ids, conversion_id.
  expect(of('x').filter((a) => a[0] == 'event').map((a) => [a[1], (a[2] as { conversion_id: string }).conversion_id])).toEqual([
    ['tw-o1abc-o1add', idOf('add_to_cart')],
    ['tw-o1abc-o1buy', purchase.id],
  ]);
  // Reddit: conversionId.
  expect(of('reddit')).toContainEqual(['track', 'Purchase', { value: 109.8, currency: 'PLN', itemCount: 2, conversionId: purchase.id, products: [{ id: COFFEE.id, name: COFFEE.name }] }]);

  // No event reached any vendor twice, and every dedup id is one the endpoint stored.
  const stored = new Set(events.map((e) => e.id));
  for (const vendor of VENDORS) {
    const ids = of(vendor).flatMap((args) => args.flatMap((a) => (a && typeof a == 'object' ? [(a as Record<string, unknown>).eventID ?? (a as Record<string, unknown>).event_id ?? (a as Record<string, unknown>).client_dedup_id ?? (a as Record<string, unknown>).conversion_id ?? (a as Record<string, unknown>).conversionId] : [])).filter((x): x is string => typeof x == 'string'));
    expect(ids.length, `${vendor} calls with an event id`).toBeGreaterThan(0);
    for (const id of ids) expect(stored.has(id), `${vendor}: ${id} is an endpoint event id`).toBe(true);
    expect(new Set(ids).size, `${vendor}: no event twice`).toBe(ids.length);
  }
});
