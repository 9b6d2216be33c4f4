import { acceptAll } from '../support/shop.ts';
import { trackMany } from '../support/tagrelay.ts';
import { expect, repeated, test } from '../support/test.ts';

// Two tabs of one site share one IndexedDB outbox. Each must get its own events
// out, and neither may send the other's a second time.

const PER_TAB = 50;
const key = (params: { tab?: unknown; n?: unknown }) => `${params.tab}${params.n}`;

test('two tabs tracking at once: 100 distinct events, 50 per tab, each sent once', async ({ context, page, collector, traffic }) => {
  await page.goto('/privacy.html');
  await acceptAll(page);
  const second = await context.newPage();
  await second.goto('/privacy.html');

  await Promise.all([trackMany(page, 'tab_event', PER_TAB, 'A'), trackMany(second, 'tab_event', PER_TAB, 'B')]);

  // Polled as "which are still missing", so a failure names the lost events (tab + n).
  const expected = ['A', 'B'].flatMap((tab) => [...Array(PER_TAB).keys()].map((n) => `${tab}${n}`));
  await expect
    .poll(
      async () => {
        const stored = new Set((await collector.events({ name: 'tab_event' })).map((e) => key(e.params)));
        return expected.filter((k) => !stored.has(k));
      },
      { message: 'tab events not stored (tab + n)', timeout: 15_000 },
    )
    .toEqual([]);
  const stored = await collector.events({ name: 'tab_event' });
  expect(stored).toHaveLength(2 * PER_TAB);
  expect(repeated(stored.map((e) => key(e.params))), 'tracked once, stored under two ids').toEqual([]);

  // The endpoint deduplicates by id, so the store alone would hide a tab re-sending the
  // other's events. Nothing failed here, so no event had a reason to travel twice.
  expect(traffic.requestsTo('/t/e').filter((r) => r.status !== 200)).toEqual([]);
  const sent = traffic.sentEvents().filter((s) => s.event.name === 'tab_event');
  expect(repeated(sent.map((s) => s.event.id)), 'event ids sent more than once').toEqual([]);
});
