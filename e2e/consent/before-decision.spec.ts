import { addToCart, COFFEE, consentDialog, acceptAll, MUG, openProduct } from '../support/shop.ts';
import { storageFootprint } from '../support/tagrelay.ts';
import { expect, expectStored, test } from '../support/test.ts';

// ARCHITECTURE.md routing table, "no decision yet": events are held in memory only.
// Nothing is sent, nothing is stored; the visitor's first choice releases the events of
// the page they are on, and the earlier pages' events are gone with those pages.

test('nothing leaves the browser or is stored before a decision; Accept releases this page only', async ({ page, collector, traffic }) => {
  await page.goto('/');
  // The bar appears only when the runtime answers "no decision": the runtime is up and tracking.
  await expect(consentDialog(page)).toBeVisible();
  await openProduct(page, MUG);
  await expect(consentDialog(page)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop' }).click();
  await openProduct(page, COFFEE);
  await addToCart(page);
  await expect(consentDialog(page)).toBeVisible();

  expect(traffic.requestsTo('/t/'), 'requests to the endpoint').toEqual([]);
  expect(await traffic.checkpoint('before a decision'), 'cookies').toEqual([]);
  expect(traffic.foreignRequests(), 'requests to other hosts').toEqual([]);
  // The cart is the shop's own, necessary storage; anything else would be the runtime's.
  expect(await storageFootprint(page)).toEqual({ localStorage: ['shop:cart'], sessionStorage: [], indexedDB: [] });

  await acceptAll(page);
  const stored = await expectStored(collector, { page_view: 1, view_item: 1, add_to_cart: 1, view_item_list: 0 });
  const productUrl = new URL(`/product.html?id=${COFFEE.id}`, collector.url).href;
  expect(stored.find((e) => e.name === 'page_view')?.page.url).toBe(productUrl);
  // The mug's page came earlier: had its view_item survived, it was stored somewhere before consent.
  expect(stored.filter((e) => e.name === 'view_item').map((e) => e.params.items)).toEqual([
    [{ item_id: COFFEE.id, item_name: COFFEE.name, price: COFFEE.price, quantity: 1 }],
  ]);
});
