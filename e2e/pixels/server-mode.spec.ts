import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { expect, expectStored, test } from '../support/test.ts';
import { routeVendors } from '../support/vendorStandIns.ts';

test("mode 'server': no vendor script on the page, yet events carry what the server path needs", async ({ page, context, collector, traffic }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: true })]);
  await routeVendors(page);
  const init = "{ endpoint: '/t', pixels: { meta: { id: '1234567890', mode: 'server' }, tiktok: { id: 'CABCDEF123', mode: 'server' }, google: { id: 'AW-1', mode: 'server' } } }";
  // `**`: the landing URL has a query string.
  await servePage(page, '/landing.html**', pageWith({ head: snippet({ init, extra: "tagrelay('track', 'sign_up');" }) }));
  await page.goto('/landing.html?fbclid=IwAR2xAbC&ttclid=E.C.P.x1&gclid=Cj0K_x&utm_source=ad');
  const events = await expectStored(collector, { page_view: 1, sign_up: 1 });
  expect(traffic.foreignRequests()).toEqual([]);
  expect(await page.evaluate(() => ['fbq', 'ttq', 'gtag'].filter((g) => g in window))).toEqual([]);
  for (const e of events) {
    expect(e.vendors).toEqual({ meta: 'server', tiktok: 'server', google: 'server' });
    expect(e.click).toMatchObject({ ttclid: 'E.C.P.x1', gclid: 'Cj0K_x', fbc: expect.stringMatching(/^fb\.0\.\d{13}\.IwAR2xAbC$/), fbp: expect.stringMatching(/^fb\.0\.\d{13}\.\d+$/) });
  }
  // Meta's own cookies, in Meta's format, for the pixel or a later page.
  const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
  expect(cookies._fbc).toBe(events[0]!.click!.fbc);
  expect(cookies._fbp).toBe(events[0]!.click!.fbp);

  // The next page, without click ids in its URL, still carries them.
  await servePage(page, '/next.html', pageWith({ head: snippet({ init }) }));
  await page.goto('/next.html');
  const later = (await expectStored(collector, { page_view: 2 })).filter((e) => e.page.url.endsWith('/next.html'))[0]!;
  expect(later.click).toMatchObject({ ttclid: 'E.C.P.x1', gclid: 'Cj0K_x', fbc: events[0]!.click!.fbc });
});
