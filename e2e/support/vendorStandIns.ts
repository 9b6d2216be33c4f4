import type { BrowserContext, Page } from '@playwright/test';
import { standInScript, VENDOR_SCRIPTS, type RecordedCall } from './standInScript.ts';

export { standInScript, VENDOR_SCRIPTS, type RecordedCall };

/**
 * Serves every vendor's stand-in script, or fails the vendors in `block` as an
 * ad blocker does (`blockedbyclient`: the script's `onerror` fires).
 *
 * Route order (Playwright): a request is offered to the page's routes first,
 * then to its context's; within each, the route registered LAST is asked
 * first, and the first handler that does not call `route.fallback()` settles
 * the request. `recordTraffic` (the auto `traffic` fixture of test.ts) puts a
 * catch-all abort of every foreign host on the context, so:
 * - with a page, these routes always win over it, whenever they are added;
 * - with a context, they win only when added after `recordTraffic`: in a test
 *   body, or in a fixture that depends on `traffic`. Added before, the
 *   recorder's abort would take every vendor script.
 * Without the recorder both work. The recorder still sees every vendor
 * request (it listens to request events, not routes): `foreignRequests()`
 * lists them, served ones with status 200, blocked ones with a failure.
 * Calling this again routes anew over the earlier call (newest wins).
 *
 * @example await routeVendors(page, { block: ['meta'] })
 */
export async function routeVendors(target: Page | BrowserContext, { block = [] as string[] } = {}): Promise<void> {
  // A misspelt vendor would silently not be blocked.
  for (const vendor of block) if (!(vendor in VENDOR_SCRIPTS)) throw new Error(`routeVendors: unknown vendor "${vendor}"`);
  for (const vendor of Object.keys(VENDOR_SCRIPTS)) {
    const blocked = block.includes(vendor);
    const body = standInScript(vendor);
    await target.route(VENDOR_SCRIPTS[vendor]!, (route) =>
      blocked ? route.abort('blockedbyclient') : route.fulfill({ status: 200, contentType: 'application/javascript', body }),
    );
  }
}

/**
 * The calls the stand-ins recorded on `page`, in call order; only `vendor`'s when given.
 *
 * @example expect(await vendorCalls(page, 'meta')).toEqual([{ vendor: 'meta', args: ['consent', 'revoke'] }, ...])
 */
export async function vendorCalls(page: Page, vendor?: string): Promise<RecordedCall[]> {
  return page.evaluate((only) => {
    const calls = (window as unknown as { __vendorCalls?: RecordedCall[] }).__vendorCalls || [];
    return only === undefined ? calls : calls.filter((c) => c.vendor === only);
  }, vendor);
}

/**
 * Every call the stand-ins record on `page` from now on, across page loads, in
 * order, with the page's URL: a funnel's calls, not only the last page's.
 *
 * @example const calls = await recordVendorCalls(page); … expect(calls.filter((c) => c.vendor == 'meta'))…
 */
export async function recordVendorCalls(page: Page): Promise<(RecordedCall & { page: string })[]> {
  const calls: (RecordedCall & { page: string })[] = [];
  await page.exposeBinding('__vendorSink', ({ frame }, call: RecordedCall) => void calls.push({ ...call, page: new URL(frame.url()).pathname }));
  return calls;
}
