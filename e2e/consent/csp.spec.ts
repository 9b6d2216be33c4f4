import type { Locator } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { pageWith, servePage, snippet, watchViolations } from '../support/pages.ts';
import { consentDialog } from '../support/shop.ts';
import { consentDecision } from '../support/tagrelay.ts';
import { expect, test } from '../support/test.ts';

// The consent UI under a strict Content-Security-Policy: no 'unsafe-inline' for scripts or styles.
// README (theming): the styles are a constructable stylesheet and tagrelay never writes a style
// attribute, so the UI must look the same here as anywhere, and the browser must report nothing.

const NONCE = 'N0nc3';
const POLICY = `default-src 'self'; script-src 'nonce-${NONCE}'; style-src 'self'`;

/** Computed style properties of an element (in a shadow root or not). */
const computed = (el: Locator, ...properties: string[]) =>
  el.evaluate((e, ps) => Object.fromEntries(ps.map((p) => [p, getComputedStyle(e).getPropertyValue(p)])), properties);

test('under a strict CSP the banner, the preferences and the floating button are styled and nothing is reported', async ({ page }) => {
  const violations = await watchViolations(page);
  const init = "{ endpoint: '/t', consent: { button: true, policyUrl: '/privacy.html' }, pixels: { meta: { id: '1234567890' } } }";
  await servePage(page, '/strict.html', pageWith({ nonce: NONCE, head: snippet({ nonce: NONCE, init }), body: '<h1>A strict page</h1><p>Some content.</p>' }), {
    'Content-Security-Policy': POLICY,
  });
  await page.goto('/strict.html');

  // Only our stylesheet makes the layer fixed and the buttons accent-coloured: unstyled, they would be static and grey.
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  expect(await computed(dialog, 'position', 'z-index')).toEqual({ position: 'fixed', 'z-index': '2147483000' });
  expect(await computed(dialog.getByRole('button', { name: en.accept_all, exact: true }), 'background-color', 'border-top-width')).toEqual({
    'background-color': 'rgb(26, 86, 219)',
    'border-top-width': '2px',
  });

  await dialog.getByRole('button', { name: en.customize, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(await dialog.evaluate((el) => getComputedStyle(el.parentElement!).position), 'backdrop').toBe('fixed');
  const analytics = dialog.getByRole('switch', { name: en.analytics, exact: true });
  expect(await computed(analytics, 'appearance', 'position')).toEqual({ appearance: 'none', position: 'relative' });

  await analytics.click();
  await dialog.getByRole('button', { name: en.save, exact: true }).click();
  await expect(page.locator('#tagrelay-consent').getByRole('dialog')).toHaveCount(0);
  expect((await consentDecision(page))?.c).toEqual({ necessary: true, analytics: true, marketing: false });

  // The floating button (consent.button) appears once a decision is in force.
  const settings = page.locator('#tagrelay-settings').getByRole('button', { name: en.settings, exact: true });
  await expect(settings).toBeVisible();
  expect(await page.locator('#tagrelay-settings').evaluate((el) => getComputedStyle(el).position), 'floating button host').toBe('fixed');
  expect(await computed(settings, 'width', 'height', 'border-top-left-radius')).toEqual({ width: '44px', height: '44px', 'border-top-left-radius': '50%' });
  // Floating: at the bottom left of the viewport, not at the end of the document.
  const box = (await settings.boundingBox())!;
  expect({ left: box.x, bottom: box.y + box.height }).toEqual({ left: 16, bottom: page.viewportSize()!.height - 16 });
  await settings.click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('switch', { name: en.analytics, exact: true })).toBeChecked();

  expect(await violations(), 'CSP violations').toEqual([]);
});

test('control: under the same policy an inline style attribute and an inline <style> are blocked and reported', async ({ page }) => {
  const violations = await watchViolations(page);
  // What a UI that styled itself inline would do: a style attribute, and a <style> without the nonce in a shadow root.
  const inline = `<script nonce="${NONCE}">
  const host = document.createElement('div');
  host.id = 'inline-host';
  host.attachShadow({ mode: 'open' }).innerHTML = '<style>.layer{position:fixed}</style><div class="layer">styled inline</div>';
  document.body.append(host);
</script>`;
  await servePage(page, '/inline.html', pageWith({ nonce: NONCE, head: snippet({ nonce: NONCE }), body: `<p id="attr" style="position:fixed">inline attribute</p>${inline}` }), {
    'Content-Security-Policy': POLICY,
  });
  await page.goto('/inline.html');
  await expect(page.locator('#inline-host .layer')).toBeVisible();
  expect(await computed(page.locator('#inline-host .layer'), 'position')).toEqual({ position: 'static' });
  expect(await computed(page.locator('#attr'), 'position')).toEqual({ position: 'static' });
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^style-src-attr\b/), expect.stringMatching(/^style-src-elem\b/)]));
});
