import { expect, type Locator, type Page } from '@playwright/test';

// What a visitor does in the demo shop (examples/shop), through the UI only.

/** A product of the shop as the suites expect to see it on the wire. */
export type Product = { id: string; name: string; price: number };

export const COFFEE: Product = { id: 'sku-3', name: 'Single-origin coffee, 250 g', price: 54.9 };
export const MUG: Product = { id: 'sku-2', name: 'Stoneware mug, 300 ml', price: 59 };

/** tagrelay's consent UI as people and tests find it (CONTRACT.md §2): a dialog in an open shadow root. */
export const consentDialog = (page: Page): Locator => page.locator('#tagrelay-consent').getByRole('dialog');

export async function acceptAll(page: Page): Promise<void> {
  await consentDialog(page).getByRole('button', { name: 'Accept all' }).click();
  await expect(consentDialog(page)).toBeHidden();
}

export async function rejectAll(page: Page): Promise<void> {
  await consentDialog(page).getByRole('button', { name: 'Reject all' }).click();
  await expect(consentDialog(page)).toBeHidden();
}

/** From the product list: opens the product's page. */
export async function openProduct(page: Page, product: Product): Promise<void> {
  await page.getByRole('link', { name: product.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
}

/** On a product page: adds `quantity` of it to the cart. */
export async function addToCart(page: Page, quantity = 1): Promise<void> {
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('to your cart');
}

/** Follows the header's cart link. */
export async function openCart(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Cart/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
}

/** On the cart page: "Checkout", then fills the checkout form (card payment) without paying. */
export async function fillCheckout(page: Page, email: string): Promise<void> {
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry').fill('12/29');
  await page.getByLabel('CVC').fill('123');
}

/** Clicks "Pay"; resolves with the order number the thank-you page shows. */
export async function pay(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your order' })).toBeVisible();
  const orderId = page.locator('#order-id');
  await expect(orderId).toHaveText(/^T-/);
  return (await orderId.textContent()) ?? '';
}
