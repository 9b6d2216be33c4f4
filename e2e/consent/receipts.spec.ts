import type { Page } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { texts as pl } from '../../packages/consent-ui/src/i18n/pl.ts';
import { pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, COFFEE, consentDialog, openProduct, rejectAll } from '../support/shop.ts';
import { consentDecision, updateConsent } from '../support/tagrelay.ts';
import { expect, expectReceipts, sha256Hex, test } from '../support/test.ts';

// COMPLIANCE.md 5: every decision leaves a receipt at the first-party endpoint that
// proves it — consent id, time, choices per purpose and vendor, policy revision,
// language, a hash of the texts shown, layer and action, GPC flag — and nothing
// identifying beyond that.

/** The shop's `pixels`: every vendor tagrelay knows. */
const SHOP_VENDORS = ['meta', 'tiktok', 'linkedin', 'google', 'pinterest', 'snap', 'x', 'reddit'];
const allVendors = (on: boolean) => Object.fromEntries(SHOP_VENDORS.map((v) => [v, on]));

/** The fields of a Receipt (core types.ts), plus the store's own `seq` and `received_at`. */
const STORED_KEYS = ['action', 'choices', 'consent_id', 'gpc', 'lang', 'layer', 'page', 'received_at', 'rev', 'seq', 'text_hash', 'ts', 'v', 'vendors'];

/** The id of the decision in force; fails when there is none. */
async function decisionId(page: Page): Promise<string> {
  const decision = await consentDecision(page);
  expect(decision?.id, 'a stored decision').toBeTruthy();
  return decision!.id;
}

const preferences = (page: Page) => page.locator('#tagrelay-consent').getByRole('dialog', { name: en.preferences_title });
const privacySettings = (page: Page) => page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' });

test('"Accept all" on the banner leaves a complete receipt with nothing identifying in it', async ({ page, context, collector }) => {
  // A query that could carry personal data: the receipt keeps origin and path only.
  await page.goto('/?utm_source=newsletter&email=anna%40example.com');
  await acceptAll(page);
  const decision = (await consentDecision(page))!;
  expect(decision.id).toBeTruthy();

  const [receipt] = await expectReceipts(collector, decision.id, 1);
  expect(receipt).toMatchObject({
    v: 1,
    consent_id: decision.id,
    ts: decision.ts,
    choices: { necessary: true, analytics: true, marketing: true },
    vendors: allVendors(true),
    rev: 1,
    lang: 'en',
    layer: 'banner',
    action: 'accept_all',
    gpc: false,
    page: `${collector.url}/`,
  });
  expect(receipt!.text_hash).toMatch(/^[0-9a-f]{64}$/);
  // Texts were shown: the hash is not that of nothing (what an API call records).
  expect(receipt!.text_hash).not.toBe(sha256Hex(''));
  // No ip, user agent, anon or session id or anything else beside the receipt's own fields.
  expect(Object.keys(receipt!).sort()).toEqual(STORED_KEYS);
  const ids = (await context.cookies()).filter((c) => c.name == 'tr_aid' || c.name == 'tr_sid').map((c) => c.value.split('.')[0]!);
  for (const id of ids) expect(JSON.stringify(receipt)).not.toContain(id);
});

test('"Reject all" on the banner is recorded as reject_all with every purpose and vendor off', async ({ page, collector }) => {
  await page.goto('/');
  await rejectAll(page);
  const id = await decisionId(page);
  const [receipt] = await expectReceipts(collector, id, 1);
  expect(receipt).toMatchObject({
    consent_id: id,
    choices: { necessary: true, analytics: false, marketing: false },
    vendors: allVendors(false),
    layer: 'banner',
    action: 'reject_all',
  });
});

test('Customize + Save is recorded from the preferences; a later withdrawal from "Privacy settings" adds a withdraw receipt', async ({ page, collector }) => {
  await page.goto('/');
  await consentDialog(page).getByRole('button', { name: en.customize }).click();
  await preferences(page).getByRole('switch', { name: en.analytics, exact: true }).check();
  await preferences(page).getByRole('switch', { name: en.marketing, exact: true }).check();
  await preferences(page).getByRole('button', { name: en.save }).click();
  await expect(consentDialog(page)).toBeHidden();
  const id = await decisionId(page);
  const [saved] = await expectReceipts(collector, id, 1);
  expect(saved).toMatchObject({
    choices: { necessary: true, analytics: true, marketing: true },
    vendors: allVendors(true),
    layer: 'preferences',
    action: 'save',
  });

  // Later, on another page: the footer link, Marketing off, Save.
  await openProduct(page, COFFEE);
  await privacySettings(page).click();
  const marketing = preferences(page).getByRole('switch', { name: en.marketing, exact: true });
  await expect(marketing).toBeChecked();
  await marketing.uncheck();
  await preferences(page).getByRole('button', { name: en.save }).click();
  await expect(consentDialog(page)).toBeHidden();

  const receipts = await expectReceipts(collector, id, 2);
  expect(receipts[0]).toEqual(saved);
  expect(receipts[1]).toMatchObject({
    consent_id: id,
    choices: { necessary: true, analytics: true, marketing: false },
    vendors: allVendors(false),
    layer: 'preferences',
    action: 'withdraw',
    page: `${collector.url}/product.html`,
  });
  expect(receipts[1]!.ts).toBeGreaterThan(saved!.ts);
});

test("tagrelay('consent','update') is recorded as layer api, action update (withdraw when it takes consent back)", async ({ page, collector }) => {
  await page.goto('/');
  await expect(consentDialog(page)).toBeVisible();
  await updateConsent(page, { analytics: true, marketing: false });
  // The site answered with its own UI: ours goes away.
  await expect(consentDialog(page)).toBeHidden();
  const id = await decisionId(page);
  const [update] = await expectReceipts(collector, id, 1);
  expect(update).toMatchObject({
    choices: { necessary: true, analytics: true, marketing: false },
    layer: 'api',
    action: 'update',
    lang: 'en',
    // tagrelay showed no text: the hash of nothing, never the hash of texts the visitor did not see.
    text_hash: sha256Hex(''),
  });

  await updateConsent(page, { analytics: false });
  const receipts = await expectReceipts(collector, id, 2);
  expect(receipts[1]).toMatchObject({ choices: { analytics: false, marketing: false }, layer: 'api', action: 'withdraw' });
});

test('the text hash follows the texts shown: it differs by language and with an override, and is the same for two visitors', async ({ page, context, browser, collector }) => {
  const config = (consent: string) => pageWith({ head: snippet({ init: `{ endpoint: '/t', consent: ${consent} }` }) });
  const pages = {
    '/en.html': config("{ lang: 'en' }"),
    '/pl.html': config("{ lang: 'pl' }"),
    '/override.html': config("{ lang: 'en', texts: { en: { description: 'We and 8 partners use cookies for ads and analytics.' } } }"),
  };
  /** Accepts on `path` as a visitor without a decision; returns the receipt. */
  const acceptOn = async (p: Page, path: keyof typeof pages, acceptLabel: string) => {
    for (const [at, html] of Object.entries(pages)) await servePage(p, at, html);
    await p.goto(path);
    await p.locator('#tagrelay-consent').getByRole('dialog').getByRole('button', { name: acceptLabel }).click();
    const [receipt] = await expectReceipts(collector, await decisionId(p), 1);
    return receipt!;
  };

  const first = await acceptOn(page, '/en.html', en.accept_all);
  // A new visitor each time: without a decision the banner shows again.
  await context.clearCookies();
  const polish = await acceptOn(page, '/pl.html', pl.accept_all);
  await context.clearCookies();
  const overridden = await acceptOn(page, '/override.html', en.accept_all);

  const other = await browser.newContext({ baseURL: collector.url });
  try {
    const second = await acceptOn(await other.newPage(), '/en.html', en.accept_all);
    expect(second.consent_id).not.toBe(first.consent_id);
    expect(second.text_hash, 'two visitors shown the same texts').toBe(first.text_hash);
  } finally {
    await other.close();
  }

  expect(first.lang).toBe('en');
  expect(polish.lang).toBe('pl');
  for (const r of [first, polish, overridden]) expect(r.text_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(polish.text_hash, 'Polish vs English').not.toBe(first.text_hash);
  expect(overridden.text_hash, 'a config text override').not.toBe(first.text_hash);
});

test('a receipt that cannot be sent is kept in the browser and delivered on the next page', async ({ page, collector }) => {
  const kept = () => page.evaluate(() => JSON.parse(localStorage.getItem('tagrelay:receipts') || '[]') as Record<string, unknown>[]);
  await page.route('**/t/c', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await acceptAll(page);
  const id = await decisionId(page);
  await expect.poll(kept).toEqual([expect.objectContaining({ consent_id: id, action: 'accept_all', layer: 'banner' })]);
  const [waiting] = await kept();
  expect(await collector.receipts(id)).toEqual([]);

  // The endpoint answers again; the visitor moves on to another page.
  await page.unroute('**/t/c');
  await openProduct(page, COFFEE);
  const [delivered] = await expectReceipts(collector, id, 1);
  expect(delivered).toMatchObject(waiting!);
  // Delivered, so no longer kept.
  await expect.poll(kept).toEqual([]);
});
