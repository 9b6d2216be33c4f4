import type { Locator, Page } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog } from '../support/shop.ts';
import { expect, test } from '../support/test.ts';

// COMPLIANCE.md 6: withdrawing must be as easy as giving. `consent: { button: true }`
// puts a persistent "Privacy settings" button on every page, in its own shadow root,
// that keyboard users reach with Tab and that opens the preferences — without moving
// anything on the page.

/** A page with focusable content before a long body, so the button comes last in Tab order. */
const buttonPage = (consent: string) =>
  pageWith({
    head: snippet({ init: `{ endpoint: '/t', consent: ${consent} }` }),
    body: `<header><a href="/">Home</a> <a href="/cart.html">Cart</a></header>
<main><h1>Products</h1><button type="button">Add to cart</button><div id="content" style="height:1500px">Long content</div>
<p id="last">The end of the page.</p></main>`,
  });

const settingsButton = (page: Page): Locator => page.locator('#tagrelay-settings').getByRole('button', { name: en.settings });
const preferences = (page: Page) => page.locator('#tagrelay-consent').getByRole('dialog', { name: en.preferences_title });

/** From before the first paint: layout shifts, and the page's height before tagrelay could add anything. */
async function watchLayout(page: Page): Promise<() => Promise<{ shifts: number[]; heightBefore: number; buttonBefore: boolean; heightNow: number }>> {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number[]; heightBefore: number; buttonBefore: boolean };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.shifts.push((e as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
    document.addEventListener('DOMContentLoaded', () => {
      w.heightBefore = document.documentElement.scrollHeight;
      w.buttonBefore = !!document.getElementById('tagrelay-settings');
    });
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { shifts: number[]; heightBefore: number; buttonBefore: boolean };
      return { shifts: w.shifts, heightBefore: w.heightBefore, buttonBefore: w.buttonBefore, heightNow: document.documentElement.scrollHeight };
    });
}

test('returning visitor: the button is visible, reached with Tab, opens the preferences with the stored choices, and shifts nothing', async ({ page, context, collector }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false })]);
  const layout = await watchLayout(page);
  await servePage(page, '/button.html', buttonPage('{ button: true }'));
  await page.goto('/button.html');
  const button = settingsButton(page);
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport();

  // Measured before any input: layout shifts right after input do not count as such.
  const { shifts, heightBefore, buttonBefore, heightNow } = await layout();
  expect(buttonBefore, 'the button came after the page was laid out').toBe(false);
  expect(shifts, 'layout shifts').toEqual([]);
  expect(heightNow, 'the page is as tall as without the button').toBe(heightBefore);

  // Still there at the bottom of a long page: it is always at hand.
  await page.locator('#last').scrollIntoViewIfNeeded();
  await expect(button).toBeInViewport();

  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await button.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement == el);
  }
  expect(reached, 'the button reached with Tab').toBe(true);
  await page.keyboard.press('Enter');
  await expect(preferences(page)).toBeVisible();
  await expect(preferences(page).getByRole('switch', { name: en.analytics, exact: true })).toBeChecked();
  await expect(preferences(page).getByRole('switch', { name: en.marketing, exact: true })).not.toBeChecked();
});

test('without button: true there is no floating button', async ({ page, context, collector, traffic }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false })]);
  await servePage(page, '/no-button.html', buttonPage('{}'));
  await page.goto('/no-button.html');
  // Control: the consent manager and its texts are loaded and working (the preferences open)...
  await page.evaluate(() => (window as unknown as { tagrelay: (...args: unknown[]) => void }).tagrelay('consent', 'show'));
  await expect(preferences(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  // ...and yet no button, nor even its chunk.
  await expect(page.locator('#tagrelay-settings')).toHaveCount(0);
  expect(traffic.requests.filter((r) => r.path.startsWith('/tagrelay/mountFloatingButton'))).toEqual([]);
});

test('first visit with button: true: the banner asks first, the button appears once the visitor has decided', async ({ page, traffic }) => {
  await servePage(page, '/button.html', buttonPage('{ button: true }'));
  await page.goto('/button.html');
  // The banner shows once the consent manager has applied the (absent) decision.
  await expect(consentDialog(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#tagrelay-settings')).toHaveCount(0);
  expect(traffic.requests.filter((r) => r.path.startsWith('/tagrelay/mountFloatingButton'))).toEqual([]);
  await acceptAll(page);
  await expect(settingsButton(page)).toBeVisible();
});
