import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/collector.ts';
import { servePage, snippet as pasteSnippet, watchViolations } from '../support/pages.ts';
import { expect, expectStored, test } from '../support/test.ts';

// The loader as site owners paste it (CONTRACT.md §1), on pages made for each case and
// served from the test's own endpoint origin through page.route.

const snippet = (nonce = '', init = "{ endpoint: '/t' }") =>
  pasteSnippet({
    nonce,
    init,
    extra: "tagrelay('consent', 'update', { analytics: true, marketing: false });\n  tagrelay('track', 'loader_test', { n: 1 });",
  });

for (const policy of ["script-src 'nonce-N0nc3'", "script-src 'self' 'nonce-N0nc3'; object-src 'none'; base-uri 'none'"]) {
  test(`works under a strict CSP without unsafe-inline or unsafe-eval: ${policy}`, async ({ page, collector }) => {
    const violations = await watchViolations(page);
    await servePage(
      page,
      '/csp.html',
      `<!doctype html><title>CSP</title>${snippet('N0nc3')}<script nonce="N0nc3" async src="/tagrelay/loader.js"></script>`,
      { 'Content-Security-Policy': policy },
    );
    await page.goto('/csp.html');
    await expect.poll(() => page.evaluate(() => typeof (window as unknown as { tagrelay: { v?: string } }).tagrelay.v)).toBe('string');
    const stored = await expectStored(collector, { loader_test: 1, page_view: 1 });
    expect(stored.find((e) => e.name == 'loader_test')!.params).toEqual({ n: 1 });
    expect(await violations()).toEqual([]);
  });
}

test('the CSP test can fail: a loader without the nonce is blocked and reported', async ({ page }) => {
  const violations = await watchViolations(page);
  await servePage(page, '/csp-bad.html', `<!doctype html>${snippet('N0nc3')}<script async src="/tagrelay/loader.js"></script>`, {
    'Content-Security-Policy': "script-src 'nonce-N0nc3'",
  });
  await page.goto('/csp-bad.html');
  await expect.poll(violations).toEqual([expect.stringContaining('script-src')]);
});

test('chunks are loaded relative to the loader, wherever the bundle is hosted', async ({ page, collector, traffic }) => {
  const cdn = join(repoRoot, 'packages/tagrelay/dist/cdn');
  await page.route('**/static/vendor/tr/**', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    if (!readdirSync(cdn).includes(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(join(cdn, file), 'utf8') });
  });
  await servePage(page, '/deep/page/index.html', `<!doctype html>${snippet()}<script async src="/static/vendor/tr/loader.js"></script>`);
  await page.goto('/deep/page/index.html');
  await expectStored(collector, { loader_test: 1 });
  const scripts = traffic.requests.filter((r) => r.path.endsWith('.js')).map((r) => r.path);
  expect(scripts[0]).toBe('/static/vendor/tr/loader.js');
  expect(scripts.some((p) => /^\/static\/vendor\/tr\/runtime-[\w-]{8}\.js$/.test(p))).toBe(true);
  expect(traffic.requestsTo('/tagrelay/')).toEqual([]);
});

test('pasted twice, the loader starts one runtime: every event is stored once', async ({ page, collector, traffic }) => {
  await servePage(
    page,
    '/twice.html',
    `<!doctype html>${snippet()}<script async src="/tagrelay/loader.js"></script><script async src="/tagrelay/loader.js?again"></script>`,
  );
  await page.goto('/twice.html');
  await expectStored(collector, { loader_test: 1, page_view: 1 });
  await page.evaluate(() => (window as unknown as { tagrelay: (...a: unknown[]) => Promise<void> }).tagrelay('flush'));
  const sent = traffic.sentEvents().map((s) => s.event.name);
  expect(sent.filter((n) => n == 'loader_test')).toHaveLength(1);
  expect(traffic.requests.filter((r) => /\/runtime-[\w-]{8}\.js$/.test(r.path))).toHaveLength(1);
});

test('a loader placed before the snippet keeps the calls made after it', async ({ page, collector }) => {
  await servePage(page, '/first.html', `<!doctype html><script src="/tagrelay/loader.js"></script>${snippet()}`);
  await page.goto('/first.html');
  await expectStored(collector, { loader_test: 1, page_view: 1 });
});

test('a loader that cannot fetch the runtime says so in the console and breaks nothing', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  await page.route(/\/runtime-[\w-]{8}\.js$/, (route) => route.abort());
  await servePage(page, '/blocked.html', `<!doctype html>${snippet()}<script async src="/tagrelay/loader.js"></script><p id="ok">page works</p>`);
  await page.goto('/blocked.html');
  await expect.poll(() => warnings.join('\n')).toMatch(/runtime-[\w-]{8}\.js/);
  await expect(page.locator('#ok')).toHaveText('page works');
  // The queue is still a working function: calls neither throw nor get lost.
  expect(await page.evaluate(() => ((window as unknown as { tagrelay: (...a: unknown[]) => unknown }).tagrelay('track', 'x'), 'no throw'))).toBe('no throw');
});

test('a returning visitor who allowed sending gets the outbox chunk beside the runtime, one who did not never does', async ({ page, context, collector, traffic }) => {
  const plain = `<!doctype html><script>
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', { endpoint: '/t' });
</script><script async src="/tagrelay/loader.js"></script>`;
  await servePage(page, '/return.html', plain);
  // The runtime never arrives: only the loader can have asked for the delivery chunk.
  await page.route(/\/runtime-[\w-]{8}\.js$/, (route) => route.abort());
  const delivery = () => traffic.requests.filter((r) => /\/createDelivery-[\w-]{8}\.js$/.test(r.path));

  await page.goto('/return.html');
  await expect.poll(() => traffic.requests.filter((r) => /\/runtime-/.test(r.path)).length).toBe(1);
  expect(delivery()).toEqual([]);

  const decision = (c: object) => ({ name: 'tr_consent', value: encodeURIComponent(JSON.stringify({ v: 1, id: 'c1', ts: Date.now(), rev: 1, c })), url: collector.url });
  await context.addCookies([decision({ necessary: true, analytics: false, marketing: false })]);
  const before = traffic.requests.filter((r) => /\/runtime-/.test(r.path)).length;
  await page.reload();
  await expect.poll(() => traffic.requests.filter((r) => /\/runtime-/.test(r.path)).length).toBeGreaterThan(before);
  expect(delivery()).toEqual([]);

  await context.addCookies([decision({ necessary: true, analytics: true, marketing: false })]);
  await page.reload();
  await expect.poll(() => delivery().length).toBe(1);
});
