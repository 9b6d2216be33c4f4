import { flush, identify, track, updateConsent } from '../support/tagrelay.ts';
import { expect, expectStored, sha256Hex, test } from '../support/test.ts';

// ARCHITECTURE.md routing table, "analytics only": events go to the endpoint
// without user data or click ids; those need marketing consent.

const EMAIL = 'anna.nowak@example.pl';

test('analytics only: events arrive with consent.analytics, without user data or click ids', async ({ page, collector, traffic }) => {
  // Ad click ids in the landing URL: what the runtime would pick up if it ignored the choice.
  await page.goto('/?gclid=test-gclid-1&fbclid=test-fbclid-1&ttclid=test-ttclid-1');
  await updateConsent(page, { analytics: true, marketing: false });
  await identify(page, { email: EMAIL });
  await track(page, 'generate_lead', { currency: 'PLN', value: 10 });
  await flush(page);

  const stored = await expectStored(collector, { page_view: 1, view_item_list: 1, generate_lead: 1 });
  for (const e of stored) {
    expect(e.consent, e.name).toMatchObject({ analytics: true, marketing: false });
    expect(e, e.name).not.toHaveProperty('user');
    expect(e, e.name).not.toHaveProperty('click');
  }

  // The endpoint strips user and click fields without marketing consent, so the store
  // alone would not show a runtime that sends them: check what went over the wire.
  const sent = traffic.sentEvents();
  expect(sent.map((s) => s.event.name)).toContain('generate_lead');
  for (const { event } of sent) {
    expect(event, event.name).not.toHaveProperty('user');
    expect(event, event.name).not.toHaveProperty('click');
  }
  for (const r of traffic.requests) {
    for (const secret of [EMAIL, sha256Hex(EMAIL)]) expect(r.postData ?? '', `${r.method} ${r.url}`).not.toContain(secret);
  }
});
