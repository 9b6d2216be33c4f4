import type { Page } from '@playwright/test';
import { decisionCookie, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog } from '../support/shop.ts';
import { consentDecision } from '../support/tagrelay.ts';
import { expect, expectReceipts, test } from '../support/test.ts';

// COMPLIANCE.md 8, Google Consent Mode v2: the `default` command is in the data layer before
// any Google tag's command, every change sends an `update`, and per-region defaults,
// wait_for_update, ads_data_redaction and url_passthrough are options.

/** Google's own gtag snippet, as sites paste it (without the gtag.js script: no Google host is reachable). */
const GTAG = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments)}
  gtag('js', new Date());
  gtag('config', 'G-TEST');
</script>`;

/** The snippet, the loader as a blocking script, then Google's tag: the order the defaults must win. */
const gtagPage = (init: string, gtag = GTAG) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Consent Mode</title>${snippet({ init })}` +
  `<script src="/tagrelay/loader.js"></script>${gtag}</head><body><h1>Consent Mode</h1></body></html>`;

/** The data layer with gtag's Arguments objects turned into arrays (dates as 'Date'). */
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) =>
      Object.prototype.toString.call(e) == '[object Arguments]'
        ? Array.from(e as ArrayLike<unknown>).map((a) => (a instanceof Date ? 'Date' : a))
        : e,
    ),
  );

const denied = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'granted',
  personalization_storage: 'denied',
  security_storage: 'granted',
};
const granted = { ...denied, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted', personalization_storage: 'granted' };
const GOOGLE_TAG = [['js', 'Date'], ['config', 'G-TEST']];

test('the default (all denied but necessary) comes before the Google tag; Accept all and a withdrawal send updates', async ({ page }) => {
  await servePage(page, '/gtag.html', gtagPage("{ endpoint: '/t' }"));
  await page.goto('/gtag.html');
  // No decision yet, so nothing is pushed later: this is exactly what the Google tag found when it ran.
  expect(await dataLayer(page)).toEqual([['consent', 'default', { ...denied, wait_for_update: 500 }], ...GOOGLE_TAG]);

  await acceptAll(page);
  const afterAccept = await dataLayer(page);
  const update = afterAccept.findIndex((e) => Array.isArray(e) && e[0] == 'consent' && e[1] == 'update');
  expect(update).toBeGreaterThan(2);
  expect(afterAccept[update]).toEqual(['consent', 'update', granted]);
  const event = afterAccept.findIndex((e) => (e as { event?: string }).event == 'tagrelay_consent');
  expect(event).toBeGreaterThan(update);
  expect(afterAccept[event]).toMatchObject({ event: 'tagrelay_consent', tagrelay_consent: { analytics: true, marketing: true } });

  // Withdrawal from the preferences: the last update denies the ad signals again.
  await page.evaluate(() => (window as unknown as { tagrelay: (...a: unknown[]) => void }).tagrelay('consent', 'show'));
  const prefs = consentDialog(page);
  await prefs.getByRole('switch', { name: 'Marketing' }).uncheck();
  await prefs.getByRole('button', { name: 'Save choices' }).click();
  await expect(prefs).toBeHidden();
  const updates = (await dataLayer(page)).filter((e) => Array.isArray(e) && e[1] == 'update');
  expect(updates).toHaveLength(2);
  expect(updates[1]).toEqual([
    'consent',
    'update',
    { ...granted, ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', personalization_storage: 'denied' },
  ]);
});

test('a returning visitor who allowed marketing: the default is already granted, with no wait_for_update', async ({ page, context, collector }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true })]);
  await servePage(page, '/gtag.html', gtagPage("{ endpoint: '/t' }"));
  await page.goto('/gtag.html');
  expect((await dataLayer(page)).slice(0, 3)).toEqual([['consent', 'default', granted], ...GOOGLE_TAG]);
});

test('regional defaults, wait_for_update and set commands, all before the Google tag', async ({ page }) => {
  const init = `{ endpoint: '/t', consent: { googleConsentMode: {
    regions: [{ region: ['US-CA'], analytics: true, marketing: true }],
    waitForUpdate: 800,
    set: { ads_data_redaction: true, url_passthrough: true }
  } } }`;
  await servePage(page, '/gtag.html', gtagPage(init));
  await page.goto('/gtag.html');
  expect(await dataLayer(page)).toEqual([
    ['consent', 'default', { ...granted, region: ['US-CA'] }],
    ['consent', 'default', { ...denied, wait_for_update: 800 }],
    ['set', 'ads_data_redaction', true],
    ['set', 'url_passthrough', true],
    ...GOOGLE_TAG,
  ]);
});

test('googleConsentMode: false: tagrelay creates no data layer, not even on a decision', async ({ page, collector }) => {
  await servePage(page, '/no-gcm.html', gtagPage("{ endpoint: '/t', consent: { googleConsentMode: false } }", ''));
  await page.goto('/no-gcm.html');
  await expect(consentDialog(page)).toBeVisible();
  await acceptAll(page);
  // The receipt is sent by the same step that would push the update: it has run.
  const decision = await consentDecision(page);
  await expectReceipts(collector, decision!.id, 1);
  expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
});
