import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../support/collector.ts';
import { acceptAll, consentDialog, rejectAll } from '../support/shop.ts';
import { consentDecision } from '../support/tagrelay.ts';
import { expect, test } from '../support/test.ts';
import { routeVendors } from '../support/vendorStandIns.ts';

// The demo shop is the fixture every other suite stands on: it must load cleanly,
// carry the snippet exactly as site owners paste it, and instrument itself without
// a single complaint from the runtime (debug mode reports bad calls in the console).

const shopDir = join(repoRoot, 'examples/shop');

/** CONTRACT.md §1 as the demo uses it: one template, pasted into every page. */
const SNIPPET = `<script>
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', {
    endpoint: '/t',
    consent: { revision: 1, policyUrl: '/privacy.html' },`;
const LOADER = '<script async src="/tagrelay/loader.js"></script>';

test('every page carries the same paste-in snippet, once', async () => {
  const pages = (await readdir(shopDir)).filter((f) => f.endsWith('.html'));
  expect(pages.sort()).toEqual(['cart.html', 'checkout.html', 'index.html', 'privacy.html', 'product.html', 'thanks.html']);
  for (const file of pages) {
    const html = await readFile(join(shopDir, file), 'utf8');
    expect(html.split(SNIPPET).length - 1, file).toBe(1);
    expect(html.split(LOADER).length - 1, file).toBe(1);
    expect(html.match(/tagrelay\('init'/g), file).toHaveLength(1);
    // The whole <script> of the snippet is the same on every page.
    const script = (h: string) => h.slice(h.indexOf(SNIPPET), h.indexOf(LOADER));
    expect(script(html), file).toBe(script(await readFile(join(shopDir, 'index.html'), 'utf8')));
  }
});

test('every page loads without errors or failed requests, and nothing from other hosts before consent', async ({ page, traffic }) => {
  await routeVendors(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.text().includes('[tagrelay]')) problems.push(`${page.url()}: ${message.text()}`);
  });

  for (const path of ['/', '/product.html?id=sku-1', '/product.html?id=no-such-sku', '/cart.html', '/checkout.html', '/thanks.html', '/privacy.html']) {
    await page.goto(path);
    // The banner shows once the runtime, the consent manager and the banner's chunks have run.
    await expect(consentDialog(page)).toBeVisible();
  }
  expect(traffic.foreignRequests(), 'vendor requests before a decision').toEqual([]);
  await acceptAll(page);
  // Once allowed, the shop's eight pixels load their scripts (stand-ins here): wait for the last.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __vendorLoaded?: string[] }).__vendorLoaded?.length ?? 0)).toBe(8);

  expect(problems).toEqual([]);
  expect(traffic.requests.filter((r) => r.failure || (r.status ?? 0) >= 400)).toEqual([]);
});

test('"Privacy settings" brings the choice back, and the new answer is kept', async ({ page }) => {
  await page.goto('/');
  await acceptAll(page);
  expect(await consentDecision(page)).toMatchObject({ c: { analytics: true, marketing: true } });

  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' }).click();
  await expect(consentDialog(page)).toBeVisible();
  await rejectAll(page);
  await page.reload();
  expect(await consentDecision(page)).toMatchObject({ c: { analytics: false, marketing: false } });
  await expect(consentDialog(page)).toBeHidden();
});
