// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://shop.test/checkout" }
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { EventBatch, Receipt, Tracker } from '../src/index';

// The production path: the built npm package (`pnpm build` runs first in `pnpm test`),
// as a bundler would import it, against a stand-in endpoint.
const { init } = (await import('../dist/index.js' as string)) as { init: (c: object) => Tracker };

describe('the built npm package', () => {
  it('tracks, routes by consent and delivers a batch to the endpoint', async () => {
    const bodies: EventBatch[] = [];
    const receipts: Receipt[] = [];
    const fetch = vi.fn(async (url: string, init: RequestInit) => {
      if (url == '/t/c') {
        receipts.push(JSON.parse(String(init.body)));
        return new Response('{"stored":true}', { status: 201 });
      }
      bodies.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify({ accepted: 1, rejected: [] }), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    const tags = init({ endpoint: '/t', autoPageViews: false });
    const id = tags.track('purchase', { value: 99.5, currency: 'PLN', transaction_id: 'T1' });
    await tags.flush();
    expect(fetch).not.toHaveBeenCalled(); // no decision yet
    tags.consent.update({ analytics: true, marketing: false });
    await tags.flush();
    expect(fetch.mock.calls.map((c) => c[0])).toContain('/t/e');
    expect(bodies[0]!.events).toEqual([
      expect.objectContaining({ id, name: 'purchase', params: { value: 99.5, currency: 'PLN', transaction_id: 'T1' } }),
    ]);
    expect(bodies[0]!.events[0]!.page.url).toBe('https://shop.test/checkout');
    // The consent manager's chunk sends the proof of the decision.
    await vi.waitFor(() => expect(receipts).toEqual([expect.objectContaining({ layer: 'api', action: 'update', choices: { necessary: true, analytics: true, marketing: false } })]));
    tags.destroy();
    vi.unstubAllGlobals();
  });

  it('ships one declaration file naming the public types', async () => {
    const { readFileSync } = await import('node:fs');
    const dts = readFileSync('packages/tagrelay/dist/index.d.ts', 'utf8');
    expect(dts).toMatch(/declare function init\(config: Config\): Tracker;/);
    expect(dts).not.toMatch(/from ['"]@tagrelay\/core['"]/);
    expect(dts).not.toContain('_report');
  });
});
