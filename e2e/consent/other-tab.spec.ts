import { consentDecision, flush, identify, track, updateConsent } from '../support/tagrelay.ts';
import { expect, expectStored, test } from '../support/test.ts';

// COMPLIANCE.md 6: withdrawing stops the vendors and the data flow. With two tabs open, a
// withdrawal made in one must hold in the other at once, not on its next page load.

test('a withdrawal in one tab stops marketing data and sending in the other at once', async ({ context, collector, traffic }) => {
  const shop = await context.newPage();
  const other = await context.newPage();
  await shop.goto('/');
  await other.goto('/privacy.html');
  await updateConsent(shop, { analytics: true, marketing: true });
  await expect.poll(() => consentDecision(other).then((d) => d?.c.marketing)).toBe(true);

  await identify(shop, { email: 'tab@example.com' });
  await track(shop, 'with_marketing');
  await flush(shop);
  const [before] = (await expectStored(collector, { with_marketing: 1 })).filter((e) => e.name == 'with_marketing');
  expect(before!.user?.em).toMatch(/^[a-f0-9]{64}$/);

  // Withdraw marketing in the other tab; the shop tab must follow without a reload.
  await updateConsent(other, { marketing: false });
  await expect.poll(() => consentDecision(shop).then((d) => d?.c.marketing)).toBe(false);
  await track(shop, 'after_withdrawal');
  await flush(shop);
  const stored = await expectStored(collector, { after_withdrawal: 1 });
  const after = stored.find((e) => e.name == 'after_withdrawal')!;
  expect(after.consent.marketing).toBe(false);
  expect(after).not.toHaveProperty('user');
  // Checked on the wire too: the endpoint would strip it anyway.
  const wire = traffic.sentEvents().find((s) => s.event.name == 'after_withdrawal')!.event;
  expect(wire).not.toHaveProperty('user');

  // Everything refused in one tab: the other sends nothing more.
  await updateConsent(other, { analytics: false, marketing: false });
  await expect.poll(() => consentDecision(shop).then((d) => d?.c.analytics)).toBe(false);
  const sends = traffic.requestsTo('/t/e').length;
  await track(shop, 'after_rejection');
  await flush(shop);
  expect(traffic.requestsTo('/t/e').length).toBe(sends);
});
