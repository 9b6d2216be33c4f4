import { acceptAll } from '../support/shop.ts';
import { pageWith, servePage, snippet } from '../support/pages.ts';
import { expect, expectStored, test } from '../support/test.ts';

// Issue 4, existing instrumentation as input: with `dataLayer: true`, GA4 e-commerce pushes already on
// the page — before the loader arrived and after — become tagrelay events, each once.

const purchase = { transaction_id: 'T-42', value: 119, currency: 'PLN', items: [{ item_id: 'sku-1', item_name: 'Dripper', price: 119, quantity: 1 }] };

test('GA4 e-commerce pushes, earlier and later ones, are stored once each', async ({ page, collector }) => {
  await servePage(
    page,
    '/gtm.html',
    pageWith({
      head: `<script>
  window.dataLayer = window.dataLayer || [];
  dataLayer.push({ event: 'gtm.js' });
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'sku-1', item_name: 'Dripper', price: 119 }] } });
</script>${snippet({ init: "{ endpoint: '/t', dataLayer: true }" })}`,
    }),
  );
  await page.goto('/gtm.html');
  await acceptAll(page);
  await page.evaluate((p) => (window as unknown as { dataLayer: unknown[] }).dataLayer.push({ event: 'purchase', ecommerce: p }), purchase);
  const stored = await expectStored(collector, { view_item: 1, purchase: 1, 'gtm.js': 0 });
  expect(stored.find((e) => e.name == 'purchase')!.params).toEqual(purchase);
  // Consent Mode's own gtag entries sit in the same layer and are never taken as events.
  expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.some((e) => Object.prototype.toString.call(e) == '[object Arguments]'))).toBe(true);
});

test('without dataLayer: true the layer is left alone', async ({ page, collector }) => {
  await servePage(
    page,
    '/plain.html',
    pageWith({ head: `<script>window.dataLayer = [{ event: 'purchase', ecommerce: { value: 1, currency: 'PLN' } }];</script>${snippet({ extra: "tagrelay('track', 'control')" })}` }),
  );
  await page.goto('/plain.html');
  await acceptAll(page);
  // The control event proves delivery ran; the data layer's purchase was not taken.
  await expectStored(collector, { control: 1, purchase: 0 });
});
