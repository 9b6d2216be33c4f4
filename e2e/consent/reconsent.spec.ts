import type { Page } from '@playwright/test';
import type { Decision } from '../../packages/core/src/types.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog } from '../support/shop.ts';
import { consentDecision, flush, track } from '../support/tagrelay.ts';
import { expect, expectStored, test } from '../support/test.ts';
import type { Traffic } from '../support/traffic.ts';

// COMPLIANCE.md 7: a choice is kept at most 6 months by default (13 months at the
// very most) and asked again when the policy revision changes. An outdated decision
// counts as none: the banner shows and nothing is sent until the new answer.

const DAY = 86_400_000;
const META_SCRIPT = 'https://connect.facebook.net/en_US/fbevents.js';

/** A page whose `init` has `consent` as given, with Meta's script waiting for marketing consent. */
const pageFor = (consent: string) =>
  pageWith({
    head: snippet({ init: `{ endpoint: '/t', consent: ${consent}, pixels: { meta: { id: '1' } } }` }),
    body: `<h1>Shop</h1><script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta" src="${META_SCRIPT}"></script>`,
  });

/** The stored `tr_consent` cookie, parsed. */
async function storedDecision(page: Page): Promise<Decision | undefined> {
  const cookie = (await page.context().cookies()).find((c) => c.name == 'tr_consent');
  return cookie && (JSON.parse(decodeURIComponent(cookie.value)) as Decision);
}

/**
 * Asserts that the page did not ask: once the consent manager has run (its chunk came
 * and the network is quiet), the banner's chunk was never fetched and no dialog shows.
 */
async function expectNoBanner(page: Page, traffic: Traffic, since: number): Promise<void> {
  const paths = () => traffic.requests.slice(since).map((r) => r.path);
  // Polled, not read once: on a busy machine the runtime can ask for the consent
  // manager's chunk after a quiet half second that already counts as network idle.
  await expect.poll(() => paths().some((p) => /^\/tagrelay\/attachConsent-[\w-]+\.js$/.test(p)), { message: 'the consent manager ran' }).toBe(true);
  // flush resolves once the events waiting for the consent manager went through it:
  // by then it has decided whether to fetch the banner.
  await flush(page);
  await page.waitForLoadState('networkidle');
  expect(paths().filter((p) => /^\/tagrelay\/mountConsent-/.test(p)), "the banner's chunk").toEqual([]);
  await expect(consentDialog(page)).toHaveCount(0);
}

test('a new policy revision asks again; nothing is sent before the answer, and the new decision has the new revision', async ({ page, context, collector, traffic }) => {
  await page.route(META_SCRIPT, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.metaLoaded = true;' }));
  // Everything accepted under revision 1; the site has since published revision 2.
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true }, { vd: { meta: true } })]);
  await servePage(page, '/rev2.html', pageFor('{ revision: 2 }'));
  await page.goto('/rev2.html');
  await expect(consentDialog(page)).toBeVisible();
  expect(await consentDecision(page)).toBeUndefined();

  await track(page, 'before_answer');
  await flush(page);
  expect(traffic.requestsTo('/t/'), 'requests to the endpoint before the new answer').toEqual([]);
  expect(traffic.foreignRequests(), 'vendor requests before the new answer').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { metaLoaded?: boolean }).metaLoaded)).toBeUndefined();

  await acceptAll(page);
  // Control: the events were held, not lost, and go out with the answer; Meta loads now.
  await expectStored(collector, { page_view: 1, before_answer: 1 });
  await expect.poll(() => page.evaluate(() => (window as unknown as { metaLoaded?: boolean }).metaLoaded)).toBe(true);

  const decision = (await consentDecision(page))!;
  expect(decision.rev).toBe(2);
  expect(await storedDecision(page)).toMatchObject({ id: decision.id, rev: 2, c: { marketing: true } });
  await expect.poll(async () => (await collector.receipts(decision.id)).map((r) => [r.action, r.rev])).toEqual([['accept_all', 2]]);
});

test('a decision under the current revision is not asked again', async ({ page, context, collector, traffic }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false }, { rev: 2 })]);
  await servePage(page, '/rev2.html', pageFor('{ revision: 2 }'));
  await page.goto('/rev2.html');
  await expectNoBanner(page, traffic, 0);
  expect(await consentDecision(page)).toMatchObject({ rev: 2, c: { analytics: true } });
});

for (const { name, consent, age, asked } of [
  { name: 'older than the default 182 days', consent: '{}', age: 183 * DAY, asked: true },
  { name: 'within the default 182 days', consent: '{}', age: 181 * DAY, asked: false },
  { name: 'older than days: 30', consent: '{ days: 30 }', age: 31 * DAY, asked: true },
  { name: 'within days: 30', consent: '{ days: 30 }', age: 29 * DAY, asked: false },
]) {
  test(`a decision ${name} ${asked ? 'is asked again' : 'holds: no banner'}`, async ({ page, context, collector, traffic }) => {
    const ts = Date.now() - age;
    await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false }, { ts })]);
    await servePage(page, '/aged.html', pageFor(consent));
    await page.goto('/aged.html');
    if (asked) {
      await expect(consentDialog(page)).toBeVisible();
      expect(await consentDecision(page)).toBeUndefined();
      // The new answer is stored with the time it was given.
      await acceptAll(page);
      expect((await storedDecision(page))!.ts).toBeGreaterThan(Date.now() - 60_000);
    } else {
      await expectNoBanner(page, traffic, 0);
      expect(await consentDecision(page)).toMatchObject({ ts, c: { analytics: true, marketing: false } });
      // The stored decision is in force: analytics events go out.
      await track(page, 'returning');
      await flush(page);
      await expectStored(collector, { returning: 1 });
    }
  });
}

for (const { consent, days } of [
  { consent: '{}', days: 182 },
  { consent: '{ days: 30 }', days: 30 },
  { consent: '{ days: 900 }', days: 395 },
]) {
  test(`with consent ${consent} the tr_consent cookie expires in about ${days} days`, async ({ page, context }) => {
    await servePage(page, '/days.html', pageFor(consent));
    await page.goto('/days.html');
    await acceptAll(page);
    const cookie = (await context.cookies()).find((c) => c.name == 'tr_consent');
    expect(cookie, 'tr_consent').toBeDefined();
    // Seconds since epoch; -1 would be a session cookie.
    const lifetimeDays = (cookie!.expires - Date.now() / 1000) / 86_400;
    expect(lifetimeDays).toBeGreaterThan(days - 0.01);
    expect(lifetimeDays).toBeLessThan(days + 0.01);
  });
}
