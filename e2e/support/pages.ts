import type { BrowserContext, Page } from '@playwright/test';

// Pages made for one case, served from the test's own endpoint origin through
// page.route, with the snippet exactly as site owners paste it (CONTRACT.md §1).

/** The paste-in snippet with `init(config)` (a JS object literal), then `extra` lines of commands. */
export const snippet = ({ nonce = '', init = "{ endpoint: '/t' }", extra = '' } = {}): string =>
  `<script${nonce && ` nonce="${nonce}"`}>
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', ${init});
  ${extra}
</script>`;

/** A whole page: `head` (the snippet, usually), the loader, then `body`. */
export const pageWith = ({ head = snippet(), body = '', nonce = '', lang = 'en', title = 'tagrelay test' } = {}): string =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${head}` +
  `<script${nonce && ` nonce="${nonce}"`} async src="/tagrelay/loader.js"></script></head><body>${body}</body></html>`;

/** Serves `html` at `path` of the test origin, with extra response headers. */
export async function servePage(page: Page | BrowserContext, path: string, html: string, headers: Record<string, string> = {}): Promise<void> {
  await page.route(`**${path}`, (route) =>
    route.fulfill({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body: html }),
  );
}

/** Collects the CSP violations the page reports, from before its first script. */
export async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

/** A `tr_consent` cookie as the runtime writes it, for a returning visitor. */
export const decisionCookie = (url: string, c: Record<string, boolean>, extra: Record<string, unknown> = {}) => ({
  name: 'tr_consent',
  value: encodeURIComponent(JSON.stringify({ v: 1, id: '7d1f3c52-9a8e-4b1f-8c2d-5e6f7a8b9c0d', ts: Date.now(), rev: 1, c: { necessary: true, ...c }, ...extra })),
  url,
});
