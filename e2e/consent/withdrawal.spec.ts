import type { Page } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog, rejectAll } from '../support/shop.ts';
import { consentDecision, flush, identify, storageFootprint, track } from '../support/tagrelay.ts';
import { expect, expectStored, test } from '../support/test.ts';

// COMPLIANCE.md 1: nothing of a vendor (request, script, cookie, storage) before the
// visitor opts in. COMPLIANCE.md 6: withdrawing is as easy as giving, stops the vendor
// through its own consent switch, removes its first-party cookies and stops personal
// data from reaching the endpoint.

const META_SCRIPT = 'https://connect.facebook.net/en_US/fbevents.js';
const TIKTOK_SCRIPT = 'https://analytics.tiktok.com/i18n/pixel/events.js';

/**
 * A stand-in for a vendor's script: counts its loads, defines the vendor's
 * global recording every call, and sets first-party cookies as the real one does.
 */
const standIn = (vendor: string, global: string, cookies: string[]) => `
  window.loads = window.loads || {};
  window.loads.${vendor} = (window.loads.${vendor} || 0) + 1;
  window.calls = window.calls || {};
  window.calls.${vendor} = window.calls.${vendor} || [];
  window.${global} = function () { window.calls.${vendor}.push(Array.from(arguments)); };
  ${cookies.map((name) => `document.cookie = '${name}=1.' + Date.now() + '.42; path=/; max-age=7776000; SameSite=Lax';`).join('\n  ')}
`;

async function serveVendors(page: Page): Promise<void> {
  await page.route(META_SCRIPT, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn('meta', 'fbq', ['_fbp', '_fbc']) }),
  );
  await page.route(TIKTOK_SCRIPT, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn('tiktok', 'ttqCall', ['_ttp']) }),
  );
}

type Recorded = { loads?: Record<string, number>; calls?: Record<string, unknown[][]>; analyticsRan?: number };
/** What any vendor stand-in has done on the page: `[null, null]` when none ever ran. */
const vendorTraces = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as Recorded;
    return [w.loads ?? null, w.calls ?? null];
  });
const loads = (page: Page, vendor: string) => page.evaluate((v) => (window as unknown as Recorded).loads?.[v] ?? 0, vendor);
const calls = (page: Page, vendor: string) => page.evaluate((v) => (window as unknown as Recorded).calls?.[v] ?? [], vendor);
const cookieNames = async (page: Page) => (await page.context().cookies()).map((c) => c.name).sort();

/**
 * A page with Meta's script waiting for marketing consent, an analytics script as a
 * control that activation ran, and a "Privacy settings" link as a site would have.
 */
// The vendors run as the site's own tags (activated scripts); `mode: 'server'` keeps tagrelay's own pixels off the page.
const metaPage = ({ pixels = "{ meta: { id: '1', mode: 'server' } }", tiktok = false } = {}) =>
  pageWith({
    head: snippet({ init: `{ endpoint: '/t', consent: { revision: 1, policyUrl: '/privacy.html' }, pixels: ${pixels} }` }),
    body: `<h1>Shop</h1>
<script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta" src="${META_SCRIPT}"></script>
${tiktok ? `<script type="text/plain" data-tr-consent="marketing" data-tr-vendor="tiktok" src="${TIKTOK_SCRIPT}"></script>` : ''}
<script type="text/plain" data-tr-consent="analytics">window.analyticsRan = (window.analyticsRan || 0) + 1;</script>
<footer><a href="#" onclick="tagrelay('consent', 'show'); return false">Privacy settings</a></footer>`,
  });

const preferences = (page: Page) => page.locator('#tagrelay-consent').getByRole('dialog', { name: en.preferences_title });

/** Opens the preferences from the page's "Privacy settings" link. */
async function openPreferences(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Privacy settings' }).click();
  await expect(preferences(page)).toBeVisible();
}

test('before a decision and after "Reject all": no vendor request, script, cookie or storage', async ({ page, collector, traffic }) => {
  await serveVendors(page);
  await servePage(page, '/meta.html', metaPage());
  await page.goto('/meta.html');
  // The banner shows once the consent manager has run, activation included.
  await expect(consentDialog(page)).toBeVisible();
  expect(traffic.foreignRequests(), 'requests to vendor hosts before a decision').toEqual([]);
  expect(await vendorTraces(page)).toEqual([null, null]);
  expect(await traffic.checkpoint('before a decision'), 'cookies before a decision').toEqual([]);
  expect(await storageFootprint(page)).toEqual({ localStorage: [], sessionStorage: [], indexedDB: [] });

  await rejectAll(page);
  const id = (await consentDecision(page))!.id;
  // Positive control: the receipt is sent by the same step that activates what is allowed.
  await expect.poll(async () => (await collector.receipts(id)).map((r) => r.action)).toEqual(['reject_all']);
  expect(traffic.foreignRequests(), 'requests to vendor hosts after "Reject all"').toEqual([]);
  expect(await vendorTraces(page)).toEqual([null, null]);
  expect((await traffic.checkpoint('after reject')).map((c) => c.name)).toEqual(['tr_consent']);
  expect(await storageFootprint(page)).toEqual({ localStorage: [], sessionStorage: [], indexedDB: [] });

  // The next page, with the refusal stored: the consent manager runs (its chunk loads) and loads nothing of Meta.
  const since = traffic.requests.length;
  await page.reload();
  // Polled: on a busy machine the chunk can be asked for after a quiet spell that already counts as network idle.
  await expect.poll(() => traffic.requests.slice(since).some((r) => /\/tagrelay\/attachConsent-[\w-]+\.js$/.test(r.path))).toBe(true);
  expect(await consentDecision(page)).toMatchObject({ id, c: { marketing: false } });
  await flush(page);
  await page.waitForLoadState('networkidle');
  expect(traffic.foreignRequests(), 'requests to vendor hosts on the next page').toEqual([]);
  expect(await cookieNames(page)).toEqual(['tr_consent']);
  expect(await storageFootprint(page)).toEqual({ localStorage: [], sessionStorage: [], indexedDB: [] });
});

test('"Accept all" loads the vendor once; withdrawing in the preferences revokes it, removes its cookies and its data', async ({ page, collector, traffic }) => {
  await serveVendors(page);
  await servePage(page, '/meta.html*', metaPage());
  // Landed from a Meta ad: a click id the runtime would forward with marketing consent.
  await page.goto('/meta.html?fbclid=test-fbclid-1');
  await acceptAll(page);
  await expect.poll(() => loads(page, 'meta')).toBe(1);
  await expect.poll(() => cookieNames(page)).toEqual(expect.arrayContaining(['_fbc', '_fbp']));
  expect(traffic.foreignRequests().map((r) => r.url)).toEqual([META_SCRIPT]);
  // Loaded after consent, Meta's pixel starts granted: nothing may have revoked it.
  expect(await calls(page, 'meta')).not.toContainEqual(['consent', 'revoke']);

  // Control: with marketing consent, the hashed user data does reach the endpoint.
  await identify(page, { email: 'anna.nowak@example.pl' });
  await track(page, 'with_marketing');
  await flush(page);
  const before = (await expectStored(collector, { with_marketing: 1 })).find((e) => e.name == 'with_marketing')!;
  expect(before.user?.em).toMatch(/^[0-9a-f]{64}$/);

  await openPreferences(page);
  const marketing = preferences(page).getByRole('switch', { name: en.marketing, exact: true });
  await expect(marketing).toBeChecked();
  await marketing.uncheck();
  await preferences(page).getByRole('button', { name: en.save }).click();
  await expect(consentDialog(page)).toBeHidden();

  await expect.poll(() => calls(page, 'meta')).toContainEqual(['consent', 'revoke']);
  expect((await calls(page, 'meta')).at(-1)).toEqual(['consent', 'revoke']);
  await expect.poll(() => cookieNames(page)).toEqual(expect.not.arrayContaining(['_fbp']));
  expect(await cookieNames(page)).not.toContain('_fbc');
  const id = (await consentDecision(page))!.id;
  await expect
    .poll(async () => (await collector.receipts(id)).map((r) => [r.action, r.layer, r.choices.marketing]))
    .toEqual([
      ['accept_all', 'banner', true],
      ['withdraw', 'preferences', false],
    ]);

  await track(page, 'after_withdrawal');
  await flush(page);
  const after = (await expectStored(collector, { after_withdrawal: 1 })).find((e) => e.name == 'after_withdrawal')!;
  expect(after.consent).toMatchObject({ analytics: true, marketing: false });
  expect(after).not.toHaveProperty('user');
  expect(after).not.toHaveProperty('click');
  // On the wire too: the endpoint strips these without marketing consent and would hide a leak.
  const wire = traffic.sentEvents().find((s) => s.event.name == 'after_withdrawal')!.event;
  expect(wire).not.toHaveProperty('user');
  expect(wire).not.toHaveProperty('click');

  // The next page: analytics scripts run (control), Meta's does not load again.
  await page.reload();
  await expect.poll(() => page.evaluate(() => (window as unknown as Recorded).analyticsRan)).toBe(1);
  await page.waitForLoadState('networkidle');
  expect(await loads(page, 'meta')).toBe(0);
  expect(traffic.foreignRequests().map((r) => r.url)).toEqual([META_SCRIPT]);
  expect(await cookieNames(page)).not.toContain('_fbp');
});

test('consent given again on the same page grants the vendor through its own switch, without loading it twice', async ({ page, collector }) => {
  await serveVendors(page);
  await servePage(page, '/meta.html', metaPage());
  await page.goto('/meta.html');
  await acceptAll(page);
  await expect.poll(() => loads(page, 'meta')).toBe(1);

  const marketing = preferences(page).getByRole('switch', { name: en.marketing, exact: true });
  await openPreferences(page);
  await marketing.uncheck();
  await preferences(page).getByRole('button', { name: en.save }).click();
  await expect.poll(() => calls(page, 'meta')).toEqual([['consent', 'revoke']]);

  await openPreferences(page);
  await expect(marketing).not.toBeChecked();
  await marketing.check();
  await preferences(page).getByRole('button', { name: en.save }).click();
  // Without the grant, Meta would stay revoked although the visitor consented again.
  await expect.poll(() => calls(page, 'meta')).toEqual([
    ['consent', 'revoke'],
    ['consent', 'grant'],
  ]);
  expect(await loads(page, 'meta')).toBe(1);
  const id = (await consentDecision(page))!.id;
  await expect.poll(async () => (await collector.receipts(id)).map((r) => r.action)).toEqual(['accept_all', 'withdraw', 'save']);
});

test("turning off Meta's own switch withdraws consent for Meta alone", async ({ page, collector, traffic }) => {
  await serveVendors(page);
  await servePage(page, '/meta.html', metaPage({ pixels: "{ meta: { id: '1', mode: 'server' }, tiktok: { id: 'C1', mode: 'server' } }", tiktok: true }));
  await page.goto('/meta.html');
  await acceptAll(page);
  await expect.poll(() => loads(page, 'meta')).toBe(1);
  await expect.poll(() => loads(page, 'tiktok')).toBe(1);
  await expect.poll(() => cookieNames(page)).toEqual(expect.arrayContaining(['_fbc', '_fbp', '_ttp']));

  await openPreferences(page);
  const meta = preferences(page).getByRole('switch', { name: 'Meta (Facebook, Instagram)' });
  await expect(meta).toBeChecked();
  await meta.uncheck();
  // Marketing stays on for the other vendor.
  await expect(preferences(page).getByRole('switch', { name: en.marketing, exact: true })).toBeChecked();
  await preferences(page).getByRole('button', { name: en.save }).click();
  await expect(consentDialog(page)).toBeHidden();

  await expect.poll(() => calls(page, 'meta')).toContainEqual(['consent', 'revoke']);
  await expect.poll(() => cookieNames(page)).toEqual(expect.not.arrayContaining(['_fbp']));
  expect(await cookieNames(page)).not.toContain('_fbc');
  // TikTok's consent and cookie are untouched.
  expect(await cookieNames(page)).toContain('_ttp');
  const id = (await consentDecision(page))!.id;
  await expect
    .poll(async () => (await collector.receipts(id)).map((r) => [r.action, r.choices.marketing, r.vendors?.meta, r.vendors?.tiktok]))
    .toEqual([
      ['accept_all', true, true, true],
      ['withdraw', true, false, true],
    ]);

  // The next page: TikTok's script loads again (control), Meta's does not.
  await page.reload();
  await expect.poll(() => loads(page, 'tiktok')).toBe(1);
  await page.waitForLoadState('networkidle');
  expect(await loads(page, 'meta')).toBe(0);
  expect(traffic.foreignRequests().filter((r) => r.url == META_SCRIPT)).toHaveLength(1);
  expect(await cookieNames(page)).not.toContain('_fbp');
});

const SHOP_PAGES = ['/', '/product.html?id=sku-3', '/cart.html', '/checkout.html', '/privacy.html', '/thanks.html'];

test('"Privacy settings" is in the footer of every shop page, reachable by keyboard, and opens the preferences', async ({ page, context, collector }) => {
  // A returning visitor who allowed analytics only.
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false })]);
  for (const path of SHOP_PAGES) {
    await page.goto(path);
    const link = page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' });
    await expect(link, path).toBeVisible();
    // The keyboard alone gets there: the footer is at the end of the Tab order, so Shift+Tab is the short way round.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = await link.evaluate((el) => el == document.activeElement);
    }
    expect(reached, `${path}: "Privacy settings" reached with the keyboard`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(preferences(page), path).toBeVisible();
    // The preferences show the stored choices, ready to be changed.
    await expect(preferences(page).getByRole('switch', { name: en.analytics, exact: true }), path).toBeChecked();
    await expect(preferences(page).getByRole('switch', { name: en.marketing, exact: true }), path).not.toBeChecked();
  }
});
