import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { texts as pl } from '../../packages/consent-ui/src/i18n/pl.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { consentDialog } from '../support/shop.ts';
import { consentDecision } from '../support/tagrelay.ts';
import { expect, test } from '../support/test.ts';

// COMPLIANCE.md 11 (WCAG 2.1 AA): the consent UI works by keyboard alone, keeps the focus inside its
// modal layer and gives it back on close, shows where the focus is, and passes axe-core.

/** The focused element through shadow roots: its accessible name as a visitor hears it, or 'body'. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el == document.body) return 'body';
    const name = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || el.localName;
    return name.trim();
  });

/** Whether the focus is inside the consent UI's open dialog. */
const focusInDialog = (page: Page): Promise<boolean> =>
  page.evaluate(() => !!document.getElementById('tagrelay-consent')?.shadowRoot?.activeElement?.closest('[role=dialog]'));

/** Presses Tab (or Shift+Tab) until the element named `name` has the focus; fails with the path taken. */
async function tabTo(page: Page, name: string, { max = 40, back = false } = {}): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    path.push(now);
    if (now == name) return;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached "${name}": ${path.join(' → ')}`);
}

const storedChoices = async (page: Page) => {
  const cookie = (await page.context().cookies()).find((c) => c.name == 'tr_consent');
  return cookie && (JSON.parse(decodeURIComponent(cookie.value)) as { c: object }).c;
};

test('keyboard only: Customize, Space on Analytics, Save choices; the focus goes back to the page', async ({ page }) => {
  await page.goto('/');
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  // The banner takes the focus as it opens: the first thing a keyboard user meets.
  await expect.poll(() => focusInDialog(page), { message: 'focus in the banner' }).toBe(true);

  await tabTo(page, en.customize, { max: 5 });
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(await focusInDialog(page), 'focus in the preferences').toBe(true);
  await tabTo(page, en.analytics, { max: 5 });
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('switch', { name: en.analytics, exact: true })).toBeChecked();
  await tabTo(page, en.save);
  await page.keyboard.press('Enter');

  await expect(page.locator('#tagrelay-consent').getByRole('dialog')).toHaveCount(0);
  const only = { necessary: true, analytics: true, marketing: false };
  expect(await storedChoices(page)).toEqual(only);
  expect((await consentDecision(page))?.c).toEqual(only);
  // Nothing on the shop had the focus before the banner took it: it goes back to the document.
  expect(await focused(page)).toBe('body');
});

test('keyboard only: the focus goes back to the page element that had it before the banner', async ({ page }) => {
  // The banner's chunk waits until the visitor has tabbed into the page's search field.
  let release!: () => void;
  const inField = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/mountConsent-[\w-]{8}\.js$/, async (route) => {
    await inField;
    await route.continue();
  });
  await servePage(page, '/search.html', pageWith({ body: '<h1>Search</h1><label>Search the shop <input id="q" type="search"></label>' }));
  await page.goto('/search.html', { waitUntil: 'domcontentloaded' });
  await tabTo(page, 'Search the shop', { max: 3 });
  release();

  await expect(consentDialog(page)).toBeVisible();
  await expect.poll(() => focusInDialog(page), { message: 'focus in the banner' }).toBe(true);
  expect(await focused(page)).toBe(en.reject_all);
  await page.keyboard.press('Enter');
  await expect(page.locator('#tagrelay-consent').getByRole('dialog')).toHaveCount(0);
  expect(await storedChoices(page)).toEqual({ necessary: true, analytics: false, marketing: false });
  await expect(page.locator('#q')).toBeFocused();
});

test('the preferences keep the focus inside; Escape gives it back to the "Privacy settings" link that opened them', async ({ page, context, collector }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: false, marketing: false })]);
  await page.goto('/');
  const link = page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' });
  await expect(link).toBeVisible();
  await tabTo(page, 'Privacy settings', { max: 60 });
  await page.keyboard.press('Enter');

  const prefs = consentDialog(page);
  await expect(prefs).toHaveAttribute('aria-modal', 'true');
  await expect.poll(() => focused(page), { message: 'the first control has the focus' }).toBe(en.close);

  // Backwards from the first control: the last one.
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe(en.save);
  // Forwards from the last: the first.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(en.close);
  // Round the whole layer and beyond: the focus never leaves it.
  const controls = await prefs.locator('button, a[href], input').count();
  for (let i = 0; i < controls + 3; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInDialog(page), `after Tab ${i + 1}: ${await focused(page)}`).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expect(page.locator('#tagrelay-consent').getByRole('dialog')).toHaveCount(0);
  await expect(link).toBeFocused();
});

/** The computed outline of the focused element, through shadow roots. */
const focusOutline = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const s = getComputedStyle(el!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });

async function expectVisibleFocus(page: Page): Promise<string> {
  const name = await focused(page);
  const o = await focusOutline(page);
  expect(o.style, `outline style of "${name}"`).not.toBe('none');
  expect(o.width, `outline width of "${name}"`).toBeGreaterThanOrEqual(2);
  expect(o.color, `outline colour of "${name}"`).not.toMatch(/^(transparent|rgba\(.*, 0\))$/);
  return name;
}

test('visible focus: every control reached by keyboard has an outline of at least 2px', async ({ page }) => {
  await page.goto('/');
  const dialog = consentDialog(page);
  await expect.poll(() => focusInDialog(page)).toBe(true);
  // The first layer, both ways round from where it put the focus.
  await tabTo(page, en.accept_all, { max: 2 });
  await expectVisibleFocus(page);
  await tabTo(page, en.customize, { max: 2 });
  await expectVisibleFocus(page);
  await tabTo(page, en.reject_all, { max: 3, back: true });
  await expectVisibleFocus(page);
  await tabTo(page, en.policy, { max: 2, back: true });
  await expectVisibleFocus(page);

  await tabTo(page, en.customize, { max: 4 });
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const controls = await dialog.locator('button, a[href], input').count();
  const seen = new Set<string>([await expectVisibleFocus(page)]);
  for (let i = 0; i < controls; i++) {
    await page.keyboard.press('Tab');
    seen.add(await expectVisibleFocus(page));
  }
  // Every control of the layer was checked, not the same few twice.
  expect(seen.size).toBe(controls);
});

/**
 * The demo shop's home page (themed with `--tr-accent` as the README shows), in English or with
 * `<html lang="pl">` (the shop's own markup otherwise), so the banner picks the language as on a
 * Polish site; or a plain page with the same consent config and the UI's own default colours.
 */
async function openPage(page: Page, lang: 'en' | 'pl', site: 'shop' | 'plain'): Promise<void> {
  if (site == 'plain') {
    const init = "{ endpoint: '/t', consent: { policyUrl: '/privacy.html' }, pixels: { meta: { id: '1' }, tiktok: { id: 'C1' } } }";
    await servePage(page, '/plain.html', pageWith({ lang, head: snippet({ init }), body: '<h1>Plain page</h1>' }));
    await page.goto('/plain.html');
    return;
  }
  if (lang != 'en')
    await page.route(
      (url) => url.pathname == '/',
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', `<html lang="${lang}">`) });
      },
    );
  await page.goto('/');
}

/** axe-core on the consent UI only; fails on serious or critical findings, listing every finding. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('#tagrelay-consent').options({ resultTypes: ['violations'] }).analyze();
  const list = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
  }));
  const blocking = list.filter((v) => v.impact == 'serious' || v.impact == 'critical').map((v) => v.id);
  expect(blocking, `${where}: axe-core violations\n${JSON.stringify(list, null, 2)}`).toEqual([]);
  // The scan did reach into the shadow root: it found buttons to name and text whose contrast it measured.
  const passed = results.passes.map((p) => p.id);
  expect(passed, `${where}: rules axe found something to check`).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
}

for (const c of [
  { lang: 'en', scheme: 'light', site: 'shop', t: en },
  { lang: 'pl', scheme: 'light', site: 'shop', t: pl },
  { lang: 'en', scheme: 'dark', site: 'shop', t: en },
  { lang: 'en', scheme: 'dark', site: 'plain', t: en },
] as const) {
  test(`axe-core: no serious or critical violations, first layer and preferences (${c.lang}, ${c.scheme}, ${c.site})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: c.scheme });
    await openPage(page, c.lang, c.site);
    const dialog = consentDialog(page);
    await expect(dialog.getByRole('button', { name: c.t.accept_all, exact: true })).toBeVisible();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(c.scheme == 'dark');
    const where = `${c.lang}, ${c.scheme}, ${c.site}`;
    await expectAccessible(page, `first layer (${where})`);

    await dialog.getByRole('button', { name: c.t.customize, exact: true }).click();
    await expect(dialog.getByRole('button', { name: c.t.save, exact: true })).toBeVisible();
    await expectAccessible(page, `preferences (${where})`);
  });
}
