import type { Page } from '@playwright/test';
import { texts } from '../../packages/consent-ui/src/i18n/en.ts';
import { vendors } from '../../packages/consent-ui/src/vendors.ts';
import type { Collector } from '../support/collector.ts';
import { pageWith, servePage, snippet, watchViolations } from '../support/pages.ts';
import { acceptAll, consentDialog, rejectAll } from '../support/shop.ts';
import { consentDecision, updateConsent } from '../support/tagrelay.ts';
import type { Traffic } from '../support/traffic.ts';
import { expect, expectReceipts, sha256Hex, test } from '../support/test.ts';

// README, script activation; COMPLIANCE.md 1: the site's own tags wait as
// `<script type="text/plain" data-tr-consent="…">` and `<iframe data-tr-consent data-src>`
// and run or load only once the visitor allowed their purpose (and vendor).

const ran = (page: Page) => page.evaluate(() => (window as unknown as { ran: string[] }).ran);
const show = (page: Page) => page.evaluate(() => (window as unknown as { tagrelay: (...a: unknown[]) => void }).tagrelay('consent', 'show'));

const NONCE = 'N0nc3';

test('under a strict CSP, waiting scripts run only after consent, once each, in document order', async ({ page, collector, traffic }) => {
  const violations = await watchViolations(page);
  await page.route('**/marketing.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: "ran.push('marketing-external')" }),
  );
  await servePage(
    page,
    '/csp.html',
    pageWith({
      nonce: NONCE,
      head: snippet({ nonce: NONCE }),
      body: `<script nonce="${NONCE}">window.ran = []</script>
<script type="text/plain" data-tr-consent="analytics">ran.push('analytics-inline')</script>
<script type="text/plain" data-tr-consent="marketing" src="/marketing.js"></script>
<script type="text/plain" data-tr-consent="marketing">ran.push('marketing-inline')</script>`,
    }),
    { 'Content-Security-Policy': `script-src 'nonce-${NONCE}'` },
  );
  await page.goto('/csp.html');
  await expect(consentDialog(page)).toBeVisible();
  expect(await ran(page)).toEqual([]);

  await rejectAll(page);
  const decision = await consentDecision(page);
  // The receipt is sent by the same step that activates: once it is stored, activation has run.
  await expectReceipts(collector, decision!.id, 1);
  expect(await ran(page)).toEqual([]);
  expect(traffic.requestsTo('/marketing.js')).toEqual([]);

  await show(page);
  await consentDialog(page).getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => ran(page)).toHaveLength(3);
  const firstRun = await ran(page);
  // Document order, as the parser would run them: the inline script after the external one waits for it.
  expect(firstRun).toEqual(['analytics-inline', 'marketing-external', 'marketing-inline']);
  expect(await violations()).toEqual([]);

  // Later changes (a withdrawal, a new grant) never run a script a second time.
  await updateConsent(page, { marketing: false });
  await updateConsent(page, { marketing: true });
  await expectReceipts(collector, decision!.id, 4);
  expect(await ran(page)).toEqual(firstRun);
  expect(traffic.requestsTo('/marketing.js')).toHaveLength(1);
});

test('a script for a vendor switched off stays blocked while marketing is on; the vendor switched on runs', async ({ page }) => {
  const init = "{ endpoint: '/t', pixels: { meta: { id: '1234567890' }, tiktok: { id: 'CABCDEF123' } } }";
  await servePage(
    page,
    '/vendors.html',
    pageWith({
      head: snippet({ init }),
      // TikTok first: once Meta's script ran, TikTok's had its turn.
      body: `<script>window.ran = []</script>
<script type="text/plain" data-tr-consent="marketing" data-tr-vendor="tiktok">ran.push('tiktok')</script>
<script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta">ran.push('meta')</script>`,
    }),
  );
  await page.goto('/vendors.html');
  await consentDialog(page).getByRole('button', { name: 'Customize' }).click();
  const prefs = consentDialog(page);
  await prefs.getByRole('switch', { name: 'Marketing' }).check();
  await expect(prefs.getByRole('switch', { name: vendors.meta!.name })).toBeChecked();
  await prefs.getByRole('switch', { name: vendors.tiktok!.name }).uncheck();
  await prefs.getByRole('button', { name: 'Save choices' }).click();
  await expect(prefs).toBeHidden();

  expect(await consentDecision(page)).toMatchObject({ c: { marketing: true }, vd: { meta: true, tiktok: false } });
  await expect.poll(() => ran(page)).toEqual(['meta']);
});

test('scripts added by the page (SPA) are activated: before the decision at the decision, after it at once', async ({ page }) => {
  await servePage(page, '/spa.html', pageWith({ body: '<script>window.ran = []</script>' }));
  await page.goto('/spa.html');
  const add = (name: string) =>
    page.evaluate((n) => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.setAttribute('data-tr-consent', 'analytics');
      s.text = `ran.push(${JSON.stringify(n)})`;
      document.body.append(s);
    }, name);

  await expect(consentDialog(page)).toBeVisible();
  await add('before');
  expect(await ran(page)).toEqual([]);
  await acceptAll(page);
  await expect.poll(() => ran(page)).toEqual(['before']);
  await add('after');
  await expect.poll(() => ran(page)).toEqual(['before', 'after']);
});

/** A page with a Google video iframe waiting for marketing consent; Meta is the site's other vendor. */
async function embedPage(page: Page): Promise<void> {
  const init = "{ endpoint: '/t', pixels: { meta: { id: '1234567890' } } }";
  await servePage(page, '/video.html', '<!doctype html><title>video</title><p>video</p>');
  await servePage(
    page,
    '/embed.html',
    pageWith({
      head: snippet({ init }),
      body: '<iframe data-tr-consent="marketing" data-tr-vendor="google" data-src="/video.html" title="Product video"></iframe>',
    }),
  );
}

/**
 * The placeholder is shown instead of the iframe, which is not loaded; its button loads it,
 * removes the placeholder and allows Google alone — not the marketing purpose — with a
 * 'placeholder' receipt (the `receiptsBefore` + 1st one for this consent id) whose text hash
 * proves the placeholder's text.
 */
async function allowFromPlaceholder(page: Page, collector: Collector, traffic: Traffic, receiptsBefore: number, vd: Record<string, boolean>): Promise<void> {
  const placeholder = page.locator('.tr-placeholder');
  const text = texts.placeholder.replace('{vendor}', vendors.google!.name).replace('{category}', texts.marketing);
  await expect(placeholder.getByText(text)).toBeVisible();
  const allow = placeholder.getByRole('button', { name: texts.placeholder_button });
  await expect(allow).toBeVisible();
  await expect(page.locator('iframe[title="Product video"]')).toBeHidden();
  expect(traffic.requestsTo('/video.html')).toEqual([]);

  await allow.click();
  await expect(page.frameLocator('iframe[title="Product video"]').getByText('video')).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  expect(traffic.requestsTo('/video.html')).toHaveLength(1);

  // Consent is specific (COMPLIANCE.md 2): Google alone; the marketing purpose, and Meta with it, stay off.
  const decision = await consentDecision(page);
  expect(decision).toMatchObject({ c: { marketing: false } });
  expect(decision!.vd).toEqual(vd);
  const all = await expectReceipts(collector, decision!.id, receiptsBefore + 1);
  expect(all[receiptsBefore]).toMatchObject({ layer: 'placeholder', lang: 'en', choices: { marketing: false }, vendors: vd });
  expect(all[receiptsBefore]!.text_hash).not.toBe(sha256Hex(''));
}

test('first visit: a blocked iframe shows a placeholder; its button loads the iframe and allows that vendor alone', async ({ page, collector, traffic }) => {
  await embedPage(page);
  await page.goto('/embed.html');
  await expect(consentDialog(page)).toBeVisible();
  await allowFromPlaceholder(page, collector, traffic, 0, { google: true });
  // Answered by the placeholder: the banner's question is gone.
  await expect(consentDialog(page)).toBeHidden();
});

test('after "Reject all": a blocked iframe shows a placeholder; its button loads it for that vendor only', async ({ page, collector, traffic }) => {
  await embedPage(page);
  await page.goto('/embed.html');
  await rejectAll(page);
  await allowFromPlaceholder(page, collector, traffic, 1, { meta: false, google: true });
});
