import { acceptAll } from '../support/shop.ts';
import { flush, trackMany } from '../support/tagrelay.ts';
import { expect, expectStored, repeated, test } from '../support/test.ts';

// A visitor on a train: the connection drops while they browse. Events tracked
// before, during and across the outage are all delivered, once each, when it returns.

test('events tracked while offline arrive exactly once when the connection is back', async ({ context, page, collector }) => {
  await page.goto('/privacy.html');
  await acceptAll(page);
  await expectStored(collector, { page_view: 1 });

  // The first burst is still waiting for its batch timer (or in flight) when the connection drops.
  await trackMany(page, 'before_outage', 5, 'a');
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
  await trackMany(page, 'during_outage', 5, 'a');
  // An explicit flush while offline: the attempt fails or is skipped; either way nothing may be lost.
  await flush(page);
  expect(await collector.events({ name: 'during_outage' })).toEqual([]);

  await context.setOffline(false);
  const stored = await expectStored(collector, { before_outage: 5, during_outage: 5, page_view: 1 });
  for (const name of ['before_outage', 'during_outage']) {
    const burst = stored.filter((e) => e.name === name);
    expect(burst.map((e) => e.params.n).sort(), name).toEqual([0, 1, 2, 3, 4]);
  }
  expect(repeated(stored.map((e) => e.id))).toEqual([]);
});
