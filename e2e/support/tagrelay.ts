import type { Page } from '@playwright/test';
import type { Choices, Decision, Params, UserInput } from '../../packages/core/src/types.ts';

// Calls into the page's `window.tagrelay`, the snippet's public command function
// (CONTRACT.md §1). The functions passed to `page.evaluate` run in the browser, so they
// cannot use anything from this file but types.
type TagrelayWindow = { tagrelay: (...args: unknown[]) => unknown };

/** `tagrelay('track', name, params)` in the page. */
export async function track(page: Page, name: string, params: Params = {}): Promise<void> {
  // `unknown`: Playwright's serialisable-argument type cannot unfold the recursive Params type.
  const arg: { n: string; p: unknown } = { n: name, p: params };
  await page.evaluate(({ n, p }) => void (window as unknown as TagrelayWindow).tagrelay('track', n, p), arg);
}

/**
 * Tracks `count` events `name` with params `{ tab, n }` (n = 0…count-1), ten per task:
 * bursts interleave with whatever else the page (or another tab) is doing.
 */
export async function trackMany(page: Page, name: string, count: number, tab: string): Promise<void> {
  await page.evaluate(
    async ([n, total, t]) => {
      const tagrelay = (window as unknown as TagrelayWindow).tagrelay;
      for (let i = 0; i < total; i++) {
        tagrelay('track', n, { tab: t, n: i });
        if (i % 10 == 9) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
    [name, count, tab] as const,
  );
}

/** `tagrelay('identify', user)` in the page. */
export async function identify(page: Page, user: UserInput): Promise<void> {
  await page.evaluate((u) => void (window as unknown as TagrelayWindow).tagrelay('identify', u), user);
}

/** `tagrelay('consent', 'update', choices)` in the page, as a site's own consent UI would. */
export async function updateConsent(page: Page, choices: Partial<Choices>): Promise<void> {
  await page.evaluate((c) => void (window as unknown as TagrelayWindow).tagrelay('consent', 'update', c), choices);
}

/** The stored decision, as `tagrelay('consent', 'get', cb)` reports it (`undefined`: none yet). */
export async function consentDecision(page: Page): Promise<Decision | undefined> {
  return page.evaluate(
    () =>
      new Promise<Decision | undefined>((resolve) => {
        (window as unknown as TagrelayWindow).tagrelay('consent', 'get', resolve);
      }),
  );
}

/**
 * `tagrelay('flush')`, awaited: resolves once the runtime's send attempt is over.
 * Waits first for the runtime to take over the snippet's queue (only the runtime
 * answers `consent get`); a flush queued before that would resolve at once.
 */
export async function flush(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const tagrelay = (window as unknown as TagrelayWindow).tagrelay;
    await new Promise((resolve) => tagrelay('consent', 'get', resolve));
    await (window as unknown as TagrelayWindow).tagrelay('flush');
  });
}

/** What the origin keeps in the browser besides cookies: web storage keys and IndexedDB names. */
export type StorageFootprint = { localStorage: string[]; sessionStorage: string[]; indexedDB: string[] };

export async function storageFootprint(page: Page): Promise<StorageFootprint> {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage).sort(),
    sessionStorage: Object.keys(sessionStorage).sort(),
    indexedDB: (await indexedDB.databases()).map((db) => db.name ?? '').sort(),
  }));
}
