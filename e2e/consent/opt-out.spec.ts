import type { Page } from '@playwright/test';
import type { Receipt } from '../../packages/core/src/types.ts';
import { texts } from '../../packages/consent-ui/src/i18n/en.ts';
import type { Collector } from '../support/collector.ts';
import { pageWith, servePage, snippet } from '../support/pages.ts';
import { consentDialog } from '../support/shop.ts';
import { consentDecision, flush, identify, track } from '../support/tagrelay.ts';
import { expect, expectStored, test } from '../support/test.ts';

// Opt-out mode (consent.mode 'opt-out', for CCPA/CPRA and similar US state laws): tags run
// until the visitor opts out of sale/sharing, through a notice that does not get in the way.
// Global Privacy Control is that opt-out, made by the browser (COMPLIANCE.md 9).

/** The browser signals GPC to scripts on this page. */
const gpcOn = (page: Page) =>
  page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));

const init = "{ endpoint: '/t', consent: { mode: 'opt-out' } }";

/**
 * The site's marketing tag, then an analytics one: once the analytics tag ran, activation has
 * looked at the marketing one before it (document order), so its absence is a decision.
 * A search field has the focus, as a visitor typing would.
 */
const page = pageWith({
  head: snippet({ init }),
  body: `<label>Search <input id="search"></label>
<script>window.ran = []; document.getElementById('search').focus();</script>
<script type="text/plain" data-tr-consent="marketing">ran.push('marketing')</script>
<script type="text/plain" data-tr-consent="analytics">ran.push('analytics')</script>`,
});

const ran = (p: Page) => p.evaluate(() => (window as unknown as { ran: string[] }).ran);

async function receipts(collector: Collector, consentId: string, count = 1): Promise<Receipt[]> {
  const get = async () => ((await (await fetch(`${collector.url}/t/c?consent_id=${consentId}`)).json()) as { receipts: Receipt[] }).receipts;
  await expect.poll(async () => (await get()).length, { message: 'receipts stored' }).toBe(count);
  return get();
}

test('opt-out mode: tags and marketing run before any click; "Do not sell or share" stops marketing from then on', async ({ page: tab, collector, traffic }) => {
  await servePage(tab, '/us.html', page);
  await tab.goto('/us.html');

  // No click yet: marketing is on, the marketing tag runs, events go out with marketing data.
  await expect.poll(() => ran(tab)).toEqual(['marketing', 'analytics']);
  await identify(tab, { email: 'ca@example.com' });
  await track(tab, 'before_opt_out');
  await flush(tab);
  const stored = await expectStored(collector, { page_view: 1, before_opt_out: 1 });
  for (const e of stored) expect(e.consent, e.name).toMatchObject({ analytics: true, marketing: true });
  expect(stored.find((e) => e.name == 'before_opt_out')!.user?.em).toMatch(/^[a-f0-9]{64}$/);

  // The notice: non-modal, it leaves the focus where the visitor had it.
  const notice = consentDialog(tab);
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('aria-modal', 'false');
  await expect(tab.locator('#search')).toBeFocused();
  const optOut = notice.getByRole('button', { name: texts.do_not_sell });
  expect(texts.do_not_sell).toBe('Do not sell or share my personal information');

  await optOut.click();
  await expect(notice).toBeHidden();
  const decision = await consentDecision(tab);
  expect(decision).toMatchObject({ c: { analytics: true, marketing: false } });
  expect(decision!.id).not.toBe('');
  const [receipt] = await receipts(collector, decision!.id);
  expect(receipt).toMatchObject({ action: 'opt_out', layer: 'banner', gpc: false, choices: { analytics: true, marketing: false } });

  // Later events: analytics only, no marketing fields on the wire or in the store.
  await identify(tab, { email: 'ca@example.com' });
  await track(tab, 'after_opt_out');
  await flush(tab);
  const after = (await expectStored(collector, { after_opt_out: 1 })).find((e) => e.name == 'after_opt_out')!;
  expect(after.consent).toMatchObject({ analytics: true, marketing: false });
  expect(after).not.toHaveProperty('user');
  const wire = traffic.sentEvents().find((s) => s.event.name == 'after_opt_out')!.event;
  expect(wire.consent.marketing).toBe(false);
  expect(wire).not.toHaveProperty('user');

  // Next page: the marketing tag stays off, the analytics one still runs.
  await tab.goto('/us.html');
  await expect.poll(() => ran(tab)).toEqual(['analytics']);
  await expect(consentDialog(tab)).toBeHidden();
});

test('opt-out mode with GPC: marketing is off from the start without any click, and the notice says why', async ({ page: tab, collector, traffic }) => {
  await gpcOn(tab);
  await servePage(tab, '/us.html', page);
  await tab.goto('/us.html');

  await expect(consentDialog(tab).getByText(texts.gpc)).toBeVisible();
  expect(texts.gpc).toContain('Global Privacy Control');
  // The analytics tag ran after the marketing tag's turn: the marketing tag was refused.
  await expect.poll(() => ran(tab)).toEqual(['analytics']);
  expect(await consentDecision(tab)).toMatchObject({ c: { analytics: true, marketing: false } });

  await identify(tab, { email: 'gpc@example.com' });
  await track(tab, 'with_gpc');
  await flush(tab);
  const stored = await expectStored(collector, { page_view: 1, with_gpc: 1 });
  for (const e of stored) {
    expect(e.consent, e.name).toMatchObject({ analytics: true, marketing: false });
    expect(e, e.name).not.toHaveProperty('user');
  }
  // No Sec-GPC header here: the browser itself left marketing out.
  for (const { event } of traffic.sentEvents()) {
    expect(event.consent.marketing, event.name).toBe(false);
    expect(event, event.name).not.toHaveProperty('user');
  }
  expect(await ran(tab)).toEqual(['analytics']);
});
