import type { Locator, Page } from '@playwright/test';
import { texts as en } from '../../packages/consent-ui/src/i18n/en.ts';
import { texts as pl } from '../../packages/consent-ui/src/i18n/pl.ts';
import { vendors } from '../../packages/consent-ui/src/vendors.ts';
import { decisionCookie, pageWith, servePage, snippet } from '../support/pages.ts';
import { acceptAll, consentDialog, MUG, openCart, openProduct } from '../support/shop.ts';
import { consentDecision, flush } from '../support/tagrelay.ts';
import { expect, test } from '../support/test.ts';

// The consent banner as visitors meet it (CONTRACT.md §2), held against COMPLIANCE.md 2, 3, 4
// and 10: what it says, how it looks, what it loads and what it never takes for consent.

/** The keys of the demo shop's `pixels` (examples/shop/*.html): every platform tagrelay knows. */
const SHOP_PIXELS = ['meta', 'tiktok', 'linkedin', 'google', 'pinterest', 'snap', 'x', 'reddit'];

const BANNER_CHUNK = /\/mountConsent-[\w-]{8}\.js$/;
const LANGUAGE_CHUNK = /\/(en|pl|de|fr|es)-[\w-]{8}\.js$/;

/** The banner's three buttons, by exact accessible name. */
const firstLayerButtons = (dialog: Locator, t: typeof en) =>
  [t.reject_all, t.accept_all, t.customize].map((name) => dialog.getByRole('button', { name, exact: true }));

async function expectFirstLayer(page: Page, t: typeof en, lang: string): Promise<void> {
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'false');
  await expect(dialog).toHaveAttribute('lang', lang);
  await expect(dialog).toHaveAccessibleName(t.title);
  for (const button of firstLayerButtons(dialog, t)) await expect(button).toBeVisible();
  await expect(dialog.getByRole('button')).toHaveCount(3);
  // Open, not closed: a closed root would hide the UI from assistive tooling and from tests alike.
  expect(await page.evaluate(() => document.getElementById('tagrelay-consent')?.shadowRoot?.mode)).toBe('open');
}

test('first layer in English: an open shadow root, a dialog with Reject all, Accept all and Customize', async ({ page }) => {
  await page.goto('/');
  await expectFirstLayer(page, en, 'en');
});

test('first layer in Polish, from <html lang="pl"> and from consent.lang', async ({ page }) => {
  await servePage(page, '/pl-html.html', pageWith({ lang: 'pl' }));
  await page.goto('/pl-html.html');
  await expectFirstLayer(page, pl, 'pl');

  await servePage(page, '/pl-config.html', pageWith({ head: snippet({ init: "{ endpoint: '/t', consent: { lang: 'pl' } }" }) }));
  await page.goto('/pl-config.html');
  await expectFirstLayer(page, pl, 'pl');
});

test('the banner shows in an automated browser (navigator.webdriver is true)', async ({ page }) => {
  await page.goto('/');
  // A banner that hides from bots would hide from every browser-driven audit too.
  expect(await page.evaluate(() => navigator.webdriver)).toBe(true);
  await expect(consentDialog(page)).toBeVisible();
});

// COMPLIANCE.md 3 and 4: "Reject all" is exactly as prominent as "Accept all". In styles.ts both are
// `.choice` buttons in a two-column grid row (Customize spans the next row), so they sit side by side
// at every width and a grid row stretches them to one height even when one label wraps.
const WEIGHT_PROPERTIES = [
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing', 'textTransform', 'textDecorationLine',
  'color', 'backgroundColor', 'backgroundImage', 'opacity', 'boxShadow', 'outlineStyle',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
  'borderTopColor', 'borderRightColor', 'borderBottomColor', 'borderLeftColor', 'borderRadius',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
] as const;

async function weight(button: Locator) {
  return button.evaluate((el, properties) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      style: Object.fromEntries(properties.map((p) => [p, style[p as keyof CSSStyleDeclaration]])),
      box: { top: box.top, height: box.height, width: box.width, left: box.left },
    };
  }, WEIGHT_PROPERTIES as readonly string[]);
}

for (const c of [
  { name: 'English, desktop', lang: 'en', t: en, viewport: { width: 1280, height: 720 }, scheme: 'light' },
  { name: 'Polish, phone (labels of different lengths)', lang: 'pl', t: pl, viewport: { width: 320, height: 640 }, scheme: 'light' },
  { name: 'English, dark mode', lang: 'en', t: en, viewport: { width: 1280, height: 720 }, scheme: 'dark' },
] as const) {
  test(`"Reject all" has the visual weight of "Accept all": ${c.name}`, async ({ page }) => {
    await page.setViewportSize(c.viewport);
    await page.emulateMedia({ colorScheme: c.scheme });
    await servePage(page, '/weight.html', pageWith({ lang: c.lang, head: snippet({ init: "{ endpoint: '/t', consent: { policyUrl: '/privacy.html' } }" }) }));
    await page.goto('/weight.html');
    const [reject, accept] = firstLayerButtons(consentDialog(page), c.t);
    await expect(reject!).toBeVisible();
    // Neither is focused or hovered: the comparison is of the resting state.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    const r = await weight(reject!);
    const a = await weight(accept!);
    expect(r.style, 'computed style of Reject all vs Accept all').toEqual(a.style);
    expect(r.box.height, 'rendered height').toBe(a.box.height);
    // Side by side: same row, and the same width.
    expect(r.box.top, 'same row').toBe(a.box.top);
    expect(Math.abs(r.box.width - a.box.width), `widths ${r.box.width} vs ${a.box.width}`).toBeLessThanOrEqual(1);
    expect(r.box.height).toBeGreaterThanOrEqual(24);
  });
}

// COMPLIANCE.md 4 (Planet49): every switch starts off; "necessary" is a statement, not a control.
test('Customize: every switch is off, necessary is "Always on" text, not a checkbox', async ({ page }) => {
  await page.goto('/');
  await consentDialog(page).getByRole('button', { name: 'Customize', exact: true }).click();
  const prefs = consentDialog(page);
  await expect(prefs).toHaveAttribute('aria-modal', 'true');
  const switches = prefs.getByRole('switch');
  // Analytics, Marketing and one per vendor of the shop's pixels.
  await expect(switches).toHaveCount(2 + SHOP_PIXELS.length);
  for (const s of await switches.all()) await expect(s).not.toBeChecked();
  // Whatever role an input claims, none is checked (a pre-ticked box without role=switch included).
  const inputs = await page.evaluate(() =>
    Array.from(document.getElementById('tagrelay-consent')!.shadowRoot!.querySelectorAll('input')).map((i) => ({ id: i.id, checked: i.checked })),
  );
  expect(inputs).toHaveLength(2 + SHOP_PIXELS.length);
  expect(inputs.filter((i) => i.checked)).toEqual([]);

  await expect(prefs.getByText(en.always_on, { exact: true })).toBeVisible();
  await expect(prefs.getByText(en.necessary, { exact: true })).toBeVisible();
  await expect(prefs.getByRole('switch', { name: en.necessary })).toHaveCount(0);
  await expect(prefs.getByRole('checkbox', { name: en.necessary })).toHaveCount(0);
});

test('a stored analytics-only decision, reopened, shows exactly analytics on and everything else off', async ({ page, context, collector }) => {
  await context.addCookies([decisionCookie(collector.url, { analytics: true, marketing: false })]);
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' }).click();
  const prefs = consentDialog(page);
  await expect(prefs).toHaveAttribute('aria-modal', 'true');
  await expect(prefs.getByRole('switch', { name: en.analytics, exact: true })).toBeChecked();
  await expect(prefs.getByRole('switch', { name: en.marketing, exact: true })).not.toBeChecked();
  for (const key of SHOP_PIXELS) await expect(prefs.getByRole('switch', { name: vendors[key]!.name, exact: true })).not.toBeChecked();
  await expect(prefs.getByRole('switch')).toHaveCount(2 + SHOP_PIXELS.length);
  await expect(prefs.getByRole('switch', { checked: true })).toHaveCount(1);
});

// COMPLIANCE.md 10: purposes and every vendor, with what it does and its policy, one step from the first layer.
test('transparency: one step from the first layer shows every purpose and every vendor with its https policy', async ({ page }) => {
  await page.goto('/');
  const banner = consentDialog(page);
  const sitePolicy = banner.getByRole('link', { name: en.policy, exact: true });
  await expect(sitePolicy).toBeVisible();
  await expect(sitePolicy).toHaveAttribute('href', '/privacy.html');

  await banner.getByRole('button', { name: en.customize, exact: true }).click();
  const prefs = consentDialog(page);
  await expect(prefs).toHaveAttribute('aria-modal', 'true');
  for (const text of [en.necessary, en.necessary_description, en.analytics, en.analytics_description, en.marketing, en.marketing_description])
    await expect(prefs.getByText(text, { exact: true }), text).toBeVisible();

  expect(SHOP_PIXELS).toHaveLength(8);
  for (const key of SHOP_PIXELS) {
    const { name, policyUrl } = vendors[key]!;
    await expect(prefs.getByRole('switch', { name, exact: true }), name).toBeVisible();
    const link = prefs.getByRole('link', { name: `${en.vendor_policy} – ${name}`, exact: true });
    await expect(link, name).toBeVisible();
    await expect(link, name).toHaveAttribute('href', policyUrl);
    expect(new URL(policyUrl).protocol, name).toBe('https:');
  }
  // What each vendor does, beside it.
  await expect(prefs.getByText(en.vendor_purpose)).toHaveCount(SHOP_PIXELS.length);
});

test('config texts are shown as text: markup in texts.en.title creates no element and runs nothing', async ({ page, traffic }) => {
  const payload = '<img src=x onerror=window.ran=(window.ran||0)+1>';
  const init = `{ endpoint: '/t', consent: { texts: { en: { title: ${JSON.stringify(payload)}, description: ${JSON.stringify(payload)} } } } }`;
  await servePage(page, '/texts.html', pageWith({ head: snippet({ init }) }));
  await page.goto('/texts.html');
  const dialog = consentDialog(page);
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(payload);
  await expect(dialog).toHaveAccessibleName(payload);
  await expect(dialog.getByText(payload, { exact: true })).toHaveCount(2);
  const images = () =>
    page.evaluate(() => document.querySelectorAll('img').length + document.getElementById('tagrelay-consent')!.shadowRoot!.querySelectorAll('img').length);
  expect(await images()).toBe(0);
  expect(traffic.requests.filter((r) => r.path == '/x')).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBeUndefined();

  // Control: the same string parsed as HTML on this page does run, so the check above can fail.
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), payload);
  await expect.poll(() => page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBe(1);
  expect(await images()).toBe(1);
});

// ARCHITECTURE.md: the banner is a chunk of its own, and a returning visitor never downloads it. The
// texts are needed only for what is shown: with everything allowed nothing is; with everything refused
// a blocked embed's placeholder (the product page) is the one thing that may ask for the language.
for (const c of [
  { name: 'accepted everything', choices: { analytics: true, marketing: true }, placeholders: false },
  { name: 'refused everything', choices: { analytics: false, marketing: false }, placeholders: true },
]) {
  test(`a returning visitor who ${c.name} downloads no banner and no language for it on any shop page`, async ({ page, context, collector, traffic }) => {
    await context.addCookies([decisionCookie(collector.url, c.choices)]);
    const fetched = (pattern: RegExp, since = 0) => traffic.requests.slice(since).filter((r) => pattern.test(r.path)).map((r) => r.path);
    for (const path of ['/', `/product.html?id=${MUG.id}`, '/cart.html', '/checkout.html', '/thanks.html', '/privacy.html']) {
      const since = traffic.requests.length;
      await page.goto(path);
      // The consent manager has applied the stored decision: had it meant to show the banner, it would have asked for it by now.
      await expect
        .poll(() => page.evaluate(() => ((window as unknown as { dataLayer?: { event?: string }[] }).dataLayer ?? []).some((e) => e?.event == 'tagrelay_consent')), {
          message: `${path}: the stored decision applied`,
        })
        .toBe(true);
      await expect(consentDialog(page)).toBeHidden();
      expect(fetched(BANNER_CHUNK, since), `${path}: banner chunk`).toEqual([]);
      const languages = fetched(LANGUAGE_CHUNK, since);
      if (languages.length && c.placeholders) await expect(page.locator('.tr-placeholder'), `${path}: what the language was for`).toBeVisible();
      else expect(languages, `${path}: language chunks`).toEqual([]);
    }
    // Control: opening the preferences does fetch the banner (and, not fetched yet, the language): the patterns match the real chunk names.
    const since = traffic.requests.length;
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy settings' }).click();
    await expect(consentDialog(page)).toBeVisible();
    expect(fetched(BANNER_CHUNK, since)).toHaveLength(1);
    if (!c.placeholders) expect(fetched(LANGUAGE_CHUNK, since)).toEqual([expect.stringMatching(/\/en-[\w-]{8}\.js$/)]);
  });
}

test('a visitor without a decision does download the banner and its language', async ({ page, traffic }) => {
  await page.goto('/');
  await expect(consentDialog(page)).toBeVisible();
  const paths = traffic.requests.map((r) => r.path);
  expect(paths.filter((p) => BANNER_CHUNK.test(p))).toHaveLength(1);
  expect(paths.filter((p) => LANGUAGE_CHUNK.test(p))).toEqual([expect.stringMatching(/\/en-[\w-]{8}\.js$/)]);
});

/** A layout shift as the browser reports it (the CLS metric's entries), with what moved. */
type Shift = { value: number; moved: string[] };

// Every entry counts, recent input or not: the preferences open on a click.
async function recordLayoutShifts(page: Page): Promise<() => Promise<Shift[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: Shift[]; shiftObserver: PerformanceObserver };
    w.shifts = [];
    type Entry = PerformanceEntry & { value: number; sources?: { node?: Node | null }[] };
    const describe = (n: Node | null | undefined) =>
      n instanceof Element ? n.localName + (n.id ? '#' + n.id : '') + (n.className ? '.' + String(n.className).split(' ').join('.') : '') : String(n?.nodeName);
    const take = (entries: PerformanceEntryList) =>
      (entries as Entry[]).forEach((e) => w.shifts.push({ value: e.value, moved: (e.sources || []).map((s) => describe(s.node)) }));
    w.shiftObserver = new PerformanceObserver((list) => take(list.getEntries()));
    w.shiftObserver.observe({ type: 'layout-shift', buffered: true });
    (w as unknown as { takeShifts: () => void }).takeShifts = () => take(w.shiftObserver.takeRecords());
  });
  return () =>
    page.evaluate(async () => {
      // Two frames: a shift is reported with the frame that rendered it.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const w = window as unknown as { shifts: Shift[]; takeShifts: () => void };
      w.takeShifts();
      return [...w.shifts];
    });
}

const article = (paragraphs: number) => Array.from({ length: paragraphs }, (_, i) => `<p id="p${i}">Paragraph ${i} of a long article about coffee.</p>`).join('');

test('no layout shift from first paint to the banner, and to the preferences', async ({ page }) => {
  const shifts = await recordLayoutShifts(page);
  await servePage(page, '/article.html', pageWith({ head: snippet({ init: "{ endpoint: '/t', consent: { policyUrl: '/privacy.html' } }" }), body: `<h1>Article</h1>${article(40)}` }));
  await page.goto('/article.html');
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  expect(await shifts(), 'layout shifts up to the banner').toEqual([]);
  await dialog.getByRole('button', { name: en.customize, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect(await shifts(), 'layout shifts up to the preferences').toEqual([]);

  // Control: a block pushed in above the text is seen as a shift, so an empty list means none happened.
  await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('div'), { style: 'height:200px' })));
  await expect.poll(async () => (await shifts()).length).toBeGreaterThan(0);
});

test('on the shop, the banner and the preferences add no layout shift to the page', async ({ page }) => {
  // The shop draws its header and products with its own script; the banner waits until that is done.
  let release!: () => void;
  const shopDrawn = new Promise<void>((resolve) => (release = resolve));
  await page.route(BANNER_CHUNK, async (route) => {
    await shopDrawn;
    await route.continue();
  });
  const shifts = await recordLayoutShifts(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('link', { name: MUG.name, exact: true })).toBeVisible();
  const shop = (await shifts()).length;
  release();
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  expect((await shifts()).slice(shop), 'layout shifts once the banner showed').toEqual([]);
  await dialog.getByRole('button', { name: en.customize, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  expect((await shifts()).slice(shop), 'layout shifts once the preferences showed').toEqual([]);
});

test('a page scrolled down keeps its scroll position when the banner and the preferences take focus', async ({ page }) => {
  // The banner's chunk waits until the page is scrolled: the position is set before the banner exists.
  let release!: () => void;
  const scrolled = new Promise<void>((resolve) => (release = resolve));
  await page.route(BANNER_CHUNK, async (route) => {
    await scrolled;
    await route.continue();
  });
  await servePage(page, '/long.html', pageWith({ body: article(80) }));
  await page.goto('/long.html', { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => window.scrollTo(0, 1200));
  expect(await page.evaluate(() => window.scrollY)).toBe(1200);
  await expect(consentDialog(page)).toHaveCount(0);
  release();

  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  // The banner did take the focus: without that there is nothing to prove.
  await expect(dialog.getByRole('button', { name: en.reject_all, exact: true })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY), 'after the banner took focus').toBe(1200);

  // Dispatched, not clicked: a pointer click would scroll on its own.
  await dialog.getByRole('button', { name: en.customize, exact: true }).dispatchEvent('click');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('button', { name: en.close, exact: true })).toBeFocused();
  expect(await page.evaluate(() => window.scrollY), 'after the preferences took focus').toBe(1200);
});

// COMPLIANCE.md 2: browsing, scrolling, Escape and Close are not consent.
test('browsing with the banner open, Escape and Close record no decision and send nothing', async ({ page, traffic }) => {
  await page.goto('/');
  const dialog = consentDialog(page);
  await expect(dialog).toBeVisible();
  await page.mouse.wheel(0, 600);
  await openProduct(page, MUG);
  await expect(dialog).toBeVisible();
  await openCart(page);
  await expect(dialog).toBeVisible();

  // Escape on the first layer: nothing happens.
  await dialog.getByRole('button', { name: en.reject_all, exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveAttribute('aria-modal', 'false');

  // Escape on the preferences: back to the question.
  await dialog.getByRole('button', { name: en.customize, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveAttribute('aria-modal', 'false');
  await expect(dialog.getByRole('button', { name: en.accept_all, exact: true })).toBeVisible();

  // Close on the preferences: the same.
  await dialog.getByRole('button', { name: en.customize, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await dialog.getByRole('button', { name: en.close, exact: true }).click();
  await expect(dialog).toHaveAttribute('aria-modal', 'false');

  await flush(page);
  expect(await consentDecision(page)).toBeUndefined();
  expect((await traffic.checkpoint('banner ignored and closed')).map((c) => c.name)).not.toContain('tr_consent');
  expect(traffic.requestsTo('/t/e'), 'events sent').toEqual([]);
  expect(traffic.requestsTo('/t/c'), 'receipts sent').toEqual([]);

  // Control: an actual choice on the same page does store a decision and send.
  await acceptAll(page);
  expect((await traffic.checkpoint('accepted')).map((c) => c.name)).toContain('tr_consent');
  await flush(page);
  await expect.poll(() => traffic.requestsTo('/t/e').length).toBeGreaterThan(0);
});
