import type { BrowserContext, Page } from '@playwright/test';
import type { Decision } from '../../packages/core/src/types.ts';
import { texts } from '../../packages/consent-ui/src/i18n/en.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog } from '../support/shop.ts';
import { consentDecision, flush, identify, track } from '../support/tagrelay.ts';
import { expect, expectReceipts, expectStored, test } from '../support/test.ts';

// COMPLIANCE.md 9: Global Privacy Control is a binding opt-out of sale/sharing. It denies
// marketing by default, the visitor is told it was honoured, and only an explicit choice
// made while GPC is on (`g: 1` in the decision) overrides it, in the browser and at the endpoint.

/** The browser signals GPC to scripts on this page, as Firefox, Brave or an extension would. */
const gpcOn = (page: Page) =>
  page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));

/** The data layer with gtag's Arguments objects turned into arrays. */
const dataLayer = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) =>
      Object.prototype.toString.call(e) == '[object Arguments]' ? Array.from(e as ArrayLike<unknown>) : e,
    ),
  );

/** The Consent Mode `default` commands in the data layer, in order. */
const defaults = async (page: Page) =>
  (await dataLayer(page)).filter((e) => Array.isArray(e) && e[0] == 'consent' && e[1] == 'default').map((e) => (e as unknown[])[2] as Record<string, unknown>);

const AD_SIGNALS = ['ad_storage', 'ad_user_data', 'ad_personalization'] as const;
const adSignals = (signals: Record<string, unknown> | undefined) => Object.fromEntries(AD_SIGNALS.map((s) => [s, signals?.[s]]));
const DENIED = Object.fromEntries(AD_SIGNALS.map((s) => [s, 'denied']));
const GRANTED = Object.fromEntries(AD_SIGNALS.map((s) => [s, 'granted']));

/** The stored decision, read from the `tr_consent` cookie itself. */
async function storedDecision(context: BrowserContext): Promise<Decision | undefined> {
  const cookie = (await context.cookies()).find((c) => c.name == 'tr_consent');
  return cookie && (JSON.parse(decodeURIComponent(cookie.value)) as Decision);
}

test('opt-in with GPC: the banner names GPC, ads are denied, and "Accept all" is an override that survives a reload', async ({ page, context, collector, traffic }) => {
  await gpcOn(page);
  await page.goto('/');
  // Shown that it was honoured: the first layer says GPC was received.
  await expect(consentDialog(page).getByText(texts.gpc)).toBeVisible();
  expect(texts.gpc).toContain('Global Privacy Control');
  expect((await defaults(page)).map(adSignals)).toEqual([DENIED]);

  await acceptAll(page);
  // The explicit choice is recorded as made under GPC: that is what makes it an override.
  const decision = await storedDecision(context);
  expect(decision).toMatchObject({ c: { marketing: true }, g: 1 });
  expect(await consentDecision(page)).toMatchObject({ c: { marketing: true }, g: 1 });
  const [receipt] = await expectReceipts(collector, decision!.id);
  expect(receipt).toMatchObject({ action: 'accept_all', layer: 'banner', gpc: true, choices: { marketing: true } });

  // After a reload the loader keeps the override: ads granted from the first command on,
  // no question asked again (the banner chunk is not even fetched).
  const before = traffic.requests.length;
  await page.reload();
  expect(await consentDecision(page)).toMatchObject({ id: decision!.id, c: { marketing: true }, g: 1 });
  expect((await defaults(page)).map(adSignals)).toEqual([GRANTED]);
  // The consent chunk ran (its Consent Mode update is there), so a banner would have been asked for by now.
  await expect.poll(async () => (await dataLayer(page)).some((e) => Array.isArray(e) && e[1] == 'update')).toBe(true);
  expect(traffic.requests.slice(before).filter((r) => /\/mountConsent-[\w-]{8}\.js$/.test(r.path))).toEqual([]);
  await expect(consentDialog(page)).toBeHidden();
});

test('a marketing grant stored before GPC was on (no `g`) is not an override: the visitor is asked again', async ({ context, collector }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true })]);

  // Control, same cookie without GPC: the decision holds, ads granted, no banner.
  const plain = await context.newPage();
  await plain.goto('/');
  expect(await consentDecision(plain)).toMatchObject({ c: { analytics: true, marketing: true } });
  expect((await defaults(plain)).map(adSignals)).toEqual([GRANTED]);

  const withGpc = await context.newPage();
  await gpcOn(withGpc);
  await withGpc.goto('/');
  await expect(consentDialog(withGpc)).toBeVisible();
  await expect(consentDialog(withGpc).getByText(texts.gpc)).toBeVisible();
  expect(await consentDecision(withGpc)).toBeUndefined();
  expect((await defaults(withGpc)).map(adSignals)).toEqual([DENIED]);
});

test('with GPC, no Consent Mode default grants the ad signals, regional ones included', async ({ page }) => {
  // A regional default for an opt-out state is exactly where GPC is a binding opt-out.
  const init = `{ endpoint: '/t', consent: { googleConsentMode: { regions: [{ region: ['US-CA'], analytics: true, marketing: true }] } } }`;
  await servePage(page, '/gpc-regions.html', pageWith({ head: snippet({ init }) }));
  await gpcOn(page);
  await page.goto('/gpc-regions.html');
  await expect(consentDialog(page)).toBeVisible();
  const all = await defaults(page);
  expect(all).toHaveLength(2);
  expect(all[0]).toMatchObject({ region: ['US-CA'], analytics_storage: 'granted' });
  expect(all.map(adSignals)).toEqual([DENIED, DENIED]);
});

test('the endpoint honours Sec-GPC: 1: marketing data is dropped unless the stored decision is a GPC override', async ({ page, context, collector, traffic }) => {
  // The header alone (the browser's scripts do not see GPC): the runtime sends marketing data,
  // and the endpoint must refuse it on its own.
  await context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true })]);
  await page.goto('/');
  await identify(page, { email: 'gpc@example.com' });
  await track(page, 'without_override');
  await flush(page);
  const stored = (await expectStored(collector, { without_override: 1 })).find((e) => e.name == 'without_override')!;
  expect(stored.consent.marketing).toBe(false);
  expect(stored).not.toHaveProperty('user');
  // It was on the wire: the endpoint removed it, not the browser.
  const wire = traffic.sentEvents().find((s) => s.event.name == 'without_override')!.event;
  expect(wire.consent.marketing).toBe(true);
  expect(wire.user?.em).toMatch(/^[a-f0-9]{64}$/);

  // The same visitor with a decision made under GPC (g: 1): the override reaches the endpoint too.
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true }, { g: 1 })]);
  await page.reload();
  await identify(page, { email: 'gpc@example.com' });
  await track(page, 'with_override');
  await flush(page);
  const kept = (await expectStored(collector, { with_override: 1 })).find((e) => e.name == 'with_override')!;
  expect(kept.consent.marketing).toBe(true);
  expect(kept.user?.em).toBe(wire.user?.em);
});
