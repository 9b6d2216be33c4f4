// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Decision } from '../../core/src/types';
import { mountConsent, type ConsentUI, type MountOptions } from './mountConsent';

const HASH = /^[0-9a-f]{64}$/;
let ui: ConsentUI | undefined;

const shadow = () => document.getElementById('tagrelay-consent')!.shadowRoot!;
const dialog = () => shadow().querySelector<HTMLElement>('[role=dialog]')!;
/** The accessible name as a screen reader computes it for our markup: aria-label, aria-labelledby, label[for], text. */
const nameOf = (el: Element): string => {
  const labelledBy = el.getAttribute('aria-labelledby');
  const label = el.id ? shadow().querySelector(`label[for="${el.id}"]`) : null;
  return el.getAttribute('aria-label') ?? (labelledBy ? shadow().getElementById(labelledBy)!.textContent : (label || el).textContent) ?? '';
};
const buttons = () => Array.from(dialog().querySelectorAll('button'));
const button = (name: string) => buttons().find((b) => nameOf(b) == name)!;
const switches = () => Array.from(dialog().querySelectorAll<HTMLInputElement>('input[type=checkbox][role=switch]'));
const toggle = (name: string) => switches().find((s) => nameOf(s) == name)!;
const click = (el: HTMLElement | undefined) => {
  if (!el) throw new Error('no such control');
  el.click();
};
const flip = (input: HTMLInputElement) => {
  input.checked = !input.checked;
  input.dispatchEvent(new Event('change', { bubbles: true }));
};
const key = (el: Element, k: string, shiftKey = false) => {
  const e = new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
};

const decision = (c: Partial<Decision['c']>, vd?: Decision['vd'], id = 'k3J9x'): Decision => ({
  v: 1,
  id,
  ts: 1,
  rev: 1,
  c: { necessary: true, analytics: false, marketing: false, ...c },
  ...(vd && { vd }),
});

const start = (options: Partial<MountOptions> = {}, held?: Decision) => {
  const consent = { get: vi.fn(() => held), update: vi.fn() };
  ui = mountConsent({ config: { lang: 'en' }, consent, gpc: false, ...options });
  return { ui, update: consent.update, consent };
};
const pixels = { meta: { id: '1' }, tiktok: { id: 'C1' } };

afterEach(() => {
  ui?.destroy();
  ui = undefined;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('the first layer (opt-in)', () => {
  it('is a labelled, described non-modal dialog (no cookie wall) in an open shadow root, with Reject all, Accept all, Customize in that order', async () => {
    await start().ui.open('banner');
    const host = document.getElementById('tagrelay-consent')!;
    expect(host.parentElement).toBe(document.body);
    expect(host.shadowRoot!.mode).toBe('open');
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('false');
    expect(shadow().getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe('Cookies and your privacy');
    expect(shadow().getElementById(d.getAttribute('aria-describedby')!)!.textContent).toMatch(/analytics.*marketing/);
    expect(buttons().map(nameOf)).toEqual(['Reject all', 'Accept all', 'Customize']);
  });

  it('speaks Polish', async () => {
    await start({ config: { lang: 'pl' } }).ui.open('banner');
    expect(dialog().getAttribute('lang')).toBe('pl');
    expect(buttons().map(nameOf)).toEqual(['Odrzuć wszystkie', 'Zaakceptuj wszystkie', 'Dostosuj']);
  });

  it('styles Accept all and Reject all with one and the same class', async () => {
    await start().ui.open('banner');
    expect(button('Accept all').className).toBe(button('Reject all').className);
    expect(button('Customize').className).not.toBe(button('Accept all').className);
  });

  it('accepts everything: every category (site ones too) and every vendor', async () => {
    const { update } = start({ pixels, config: { lang: 'en', categories: { personalization: { label: 'Personalization' } } } });
    await ui!.open('banner');
    click(button('Accept all'));
    expect(update).toHaveBeenCalledExactlyOnceWith(
      { necessary: true, analytics: true, marketing: true, personalization: true },
      { layer: 'banner', action: 'accept_all', lang: 'en', text_hash: expect.stringMatching(HASH), vendors: { meta: true, tiktok: true } },
    );
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });

  it('rejects everything just as easily', async () => {
    const { update } = start({ pixels });
    await ui!.open('banner');
    click(button('Reject all'));
    expect(update).toHaveBeenCalledExactlyOnceWith(
      { necessary: true, analytics: false, marketing: false },
      { layer: 'banner', action: 'reject_all', lang: 'en', text_hash: expect.stringMatching(HASH), vendors: { meta: false, tiktok: false } },
    );
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });

  it('leaves text_hash out when the texts cannot be hashed', async () => {
    vi.spyOn(crypto.subtle, 'digest').mockRejectedValue(new Error('no SubtleCrypto'));
    const { update } = start();
    await ui!.open('banner');
    click(button('Reject all'));
    expect(update.mock.calls[0][1]).toEqual({ layer: 'banner', action: 'reject_all', lang: 'en', vendors: {} });
    expect('text_hash' in update.mock.calls[0][1]).toBe(false);
  });

  it('renders config texts as text, never as markup', async () => {
    const evil = '<img src=x onerror="window.pwned=1">';
    await start({
      config: { lang: 'en', texts: { en: { title: evil, accept_all: evil } }, categories: { fun: { label: evil, description: evil } } },
      pixels: { own: { name: evil, policyUrl: 'https://own.example/privacy', purpose: evil } },
    }).ui.open('banner');
    expect(dialog().querySelector('h2')!.textContent).toBe(evil);
    expect(buttons()[1].textContent).toBe(evil);
    click(button('Customize'));
    await Promise.resolve();
    expect(dialog().textContent).toContain(evil);
    expect(shadow().querySelector('img')).toBeNull();
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('links the policy only when its URL is http(s) or relative', async () => {
    await start({ config: { lang: 'en', policyUrl: '/privacy' } }).ui.open('banner');
    const link = dialog().querySelector('a')!;
    expect([link.getAttribute('href'), link.textContent]).toEqual(['/privacy', 'Privacy policy']);
    ui!.destroy();
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x']) {
      await start({ config: { lang: 'en', policyUrl: url } }).ui.open('banner');
      expect(dialog().querySelector('a')).toBeNull();
      ui!.destroy();
    }
  });

  it('tells the visitor their Global Privacy Control signal is honoured, only when it is on', async () => {
    await start({ gpc: true }).ui.open('banner');
    expect(dialog().textContent).toContain('Global Privacy Control');
    ui!.destroy();
    await start({ gpc: false }).ui.open('banner');
    expect(dialog().textContent).not.toContain('Global Privacy Control');
  });

  it('Escape does not close it (ignoring is not consent)', async () => {
    await start({}).ui.open('banner');
    expect(key(button('Accept all'), 'Escape').defaultPrevented).toBe(false);
    expect(dialog().classList).toContain('banner');
  });

  it('does not show when a decision was stored while its texts loaded (another tab, the site)', async () => {
    const { ui } = start({}, decision({ analytics: true }));
    await ui.open('banner');
    expect(document.getElementById('tagrelay-consent')?.shadowRoot?.querySelector('[role=dialog]') ?? null).toBeNull();
    await ui.open('preferences');
    expect(dialog().classList).toContain('prefs');
  });
});

describe('the preferences layer', () => {
  it('is a modal dialog with a switch per category named by its label, necessary always on, nothing ticked', async () => {
    const categories = { personalization: { label: { en: 'Personalization', pl: 'Personalizacja' }, description: 'Remembers your style.' } };
    await start({ pixels, config: { lang: 'en', categories } }).ui.open('banner');
    click(button('Customize'));
    const d = dialog();
    expect(d.classList).toContain('prefs');
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(nameOf(d)).toBe('Privacy preferences');
    expect(switches().map(nameOf)).toEqual(['Analytics', 'Marketing', 'Meta (Facebook, Instagram)', 'TikTok', 'Personalization']);
    expect(switches().filter((s) => s.checked)).toEqual([]);
    expect(d.textContent).toContain('Necessary');
    expect(d.textContent).toContain('Always on');
    expect(d.querySelectorAll('input')).toHaveLength(5);
    expect(buttons().map(nameOf)).toEqual(['Close', 'Reject all', 'Accept all', 'Save choices']);
    expect(button('Accept all').className).toBe(button('Reject all').className);
  });

  it('labels site categories in the visitor’s language', async () => {
    const categories = { personalization: { label: { en: 'Personalization', pl: 'Personalizacja' } } };
    await start({ config: { lang: 'pl', categories } }).ui.open('preferences');
    expect(switches().map(nameOf)).toEqual(['Analityczne', 'Marketingowe', 'Personalizacja']);
  });

  it('lists the vendors with what they do and a link to their policy', async () => {
    await start({
      pixels: {
        meta: { id: '1', purpose: 'Conversion measurement' },
        own: { name: 'Own Ads', policyUrl: 'https://own.example/privacy' },
        bad: { name: 'Bad', policyUrl: 'javascript:alert(1)' },
        nameless: { id: 'x' },
      },
    }).ui.open('preferences');
    const items = Array.from(dialog().querySelectorAll('li'));
    expect(items.map((li) => nameOf(li.querySelector('input')!))).toEqual(['Meta (Facebook, Instagram)', 'Own Ads', 'Bad']);
    expect(items[0].textContent).toContain('Conversion measurement');
    expect(items[1].textContent).toContain('Ad measurement and personalisation');
    const links = items.map((li) => li.querySelector('a'));
    expect(links[0]!.getAttribute('href')).toBe('https://www.facebook.com/privacy/policy/');
    expect(links[0]!.textContent).toBe('Privacy policy');
    expect(nameOf(links[0]!)).toContain('Meta (Facebook, Instagram)');
    expect(links[1]!.getAttribute('href')).toBe('https://own.example/privacy');
    expect(links[2]).toBeNull();
  });

  it('starts from the stored decision', async () => {
    await start({ pixels }, decision({ analytics: true, marketing: true }, { meta: true, tiktok: false })).ui.open('preferences');
    expect(switches().map((s) => [nameOf(s), s.checked])).toEqual([
      ['Analytics', true],
      ['Marketing', true],
      ['Meta (Facebook, Instagram)', true],
      ['TikTok', false],
    ]);
  });

  it('couples marketing and its vendors', async () => {
    await start({ pixels }).ui.open('preferences');
    const [marketing, meta, tiktok] = [toggle('Marketing'), toggle('Meta (Facebook, Instagram)'), toggle('TikTok')];
    flip(marketing);
    expect([meta.checked, tiktok.checked]).toEqual([true, true]);
    flip(meta);
    expect(marketing.checked).toBe(true);
    flip(tiktok);
    expect(marketing.checked).toBe(false);
    flip(tiktok);
    expect(marketing.checked).toBe(true);
    flip(marketing);
    expect([meta.checked, tiktok.checked]).toEqual([false, false]);
  });

  it('saves the switch states', async () => {
    const { update } = start({ pixels, config: { lang: 'en', categories: { fun: { label: 'Fun' } } } });
    await ui!.open('preferences');
    flip(toggle('Analytics'));
    flip(toggle('TikTok'));
    click(button('Save choices'));
    expect(update).toHaveBeenCalledExactlyOnceWith(
      { necessary: true, analytics: true, marketing: true, fun: false },
      { layer: 'preferences', action: 'save', lang: 'en', text_hash: expect.stringMatching(HASH), vendors: { meta: false, tiktok: true } },
    );
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });

  it('accepts and rejects all from the preferences too', async () => {
    const { update } = start({ pixels });
    await ui!.open('preferences');
    click(button('Accept all'));
    await ui!.open('preferences');
    click(button('Reject all'));
    expect(update.mock.calls).toEqual([
      [{ necessary: true, analytics: true, marketing: true }, expect.objectContaining({ layer: 'preferences', action: 'accept_all', vendors: { meta: true, tiktok: true } })],
      [{ necessary: true, analytics: false, marketing: false }, expect.objectContaining({ layer: 'preferences', action: 'reject_all', vendors: { meta: false, tiktok: false } })],
    ]);
  });

  it('closing without a decision goes back to the first layer (Escape or the close button), never deciding', async () => {
    const { update } = start();
    await ui!.open('banner');
    click(button('Customize'));
    key(toggle('Analytics'), 'Escape');
    expect(dialog().classList).toContain('banner');
    click(button('Customize'));
    click(button('Close'));
    expect(dialog().classList).toContain('banner');
    expect(update).not.toHaveBeenCalled();
  });

  it('closing with a stored decision closes the UI', async () => {
    const { update } = start({}, decision({ analytics: true }));
    await ui!.open('preferences');
    key(toggle('Analytics'), 'Escape');
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
    expect(update).not.toHaveBeenCalled();
  });
});

describe('opt-out mode', () => {
  const implied = decision({ analytics: true, marketing: true }, undefined, '');

  it('shows a notice that neither traps nor takes the focus', async () => {
    const outside = document.body.appendChild(document.createElement('button'));
    outside.focus();
    await start({ config: { lang: 'en', mode: 'opt-out' } }, implied).ui.open('banner');
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('false');
    expect(nameOf(d)).toBe('Your privacy choices');
    expect(buttons().map(nameOf)).toEqual(['Do not sell or share my personal information', 'Customize', 'OK']);
    expect(document.activeElement).toBe(outside);
    buttons()[2].focus();
    expect(key(buttons()[2], 'Tab').defaultPrevented).toBe(false);
  });

  it('opts out of selling and sharing', async () => {
    const { update } = start({ pixels, config: { lang: 'en', mode: 'opt-out' } }, implied);
    await ui!.open('banner');
    click(button('Do not sell or share my personal information'));
    expect(update).toHaveBeenCalledExactlyOnceWith(
      { marketing: false },
      { layer: 'banner', action: 'opt_out', lang: 'en', text_hash: expect.stringMatching(HASH), vendors: { meta: false, tiktok: false } },
    );
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });

  it('OK keeps the choices in force', async () => {
    const { update } = start({ config: { lang: 'en', mode: 'opt-out' } }, implied);
    await ui!.open('banner');
    click(button('OK'));
    expect(update).toHaveBeenCalledExactlyOnceWith(implied.c, { layer: 'banner', action: 'save', lang: 'en', text_hash: expect.stringMatching(HASH) });
  });

  it('shows the implied defaults in the preferences, and the GPC note', async () => {
    await start({ gpc: true, config: { lang: 'en', mode: 'opt-out' } }, decision({ analytics: true, marketing: false }, undefined, '')).ui.open('banner');
    expect(dialog().textContent).toContain('Global Privacy Control');
    click(button('Customize'));
    expect(switches().map((s) => s.checked)).toEqual([true, false]);
    key(toggle('Analytics'), 'Escape');
    expect(dialog().getAttribute('aria-modal')).toBe('false');
  });
});

describe('focus', () => {
  it('moves into the dialog without scrolling and returns where it was', async () => {
    const outside = document.body.appendChild(document.createElement('button'));
    outside.focus();
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    await start().ui.open('banner');
    expect(shadow().activeElement).toBe(buttons()[0]);
    expect(focus).toHaveBeenLastCalledWith({ preventScroll: true });
    click(button('Customize'));
    expect(shadow().activeElement).toBe(button('Close'));
    click(button('Accept all'));
    expect(document.activeElement).toBe(outside);
    expect(focus).toHaveBeenLastCalledWith({ preventScroll: true });
  });

  it('does not give the focus to an element that left the page', async () => {
    const outside = document.body.appendChild(document.createElement('button'));
    outside.focus();
    await start().ui.open('banner');
    outside.remove();
    expect(() => click(button('Reject all'))).not.toThrow();
  });

  it('Tab and Shift+Tab wrap at the ends of a modal layer', async () => {
    await start({ pixels }).ui.open('preferences');
    const all = Array.from(dialog().querySelectorAll<HTMLElement>('button, a[href], input'));
    const [first, last] = [all[0], all[all.length - 1]];
    last.focus();
    expect(key(last, 'Tab').defaultPrevented).toBe(true);
    expect(shadow().activeElement).toBe(first);
    expect(key(first, 'Tab', true).defaultPrevented).toBe(true);
    expect(shadow().activeElement).toBe(last);
    all[1].focus();
    expect(key(all[1], 'Tab').defaultPrevented).toBe(false);
  });
});

describe('mounting', () => {
  it('uses one host, takes no room in the page, and styles the shadow root', async () => {
    await start().ui.open('banner');
    const first = ui!;
    await start().ui.open('preferences');
    expect(document.querySelectorAll('#tagrelay-consent')).toHaveLength(1);
    expect(shadow().querySelectorAll('[role=dialog]')).toHaveLength(1);
    expect(shadow().adoptedStyleSheets.length + shadow().querySelectorAll('style').length).toBe(1);
    expect(document.body.innerHTML).not.toContain('style=');
    expect(shadow().innerHTML).not.toContain('style=');
    first.close();
  });

  it('opens the preferences from any state, and close() hides the UI', async () => {
    const { ui } = start({}, decision({ marketing: true }));
    await ui.open('banner');
    await ui.open('preferences');
    expect(dialog().classList).toContain('prefs');
    expect(toggle('Marketing').checked).toBe(true);
    ui.close();
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });

  it('never throws, and reports what failed', async () => {
    const report = vi.fn();
    const { ui, consent } = start({ report });
    consent.update.mockImplementation(() => {
      throw new Error('storage full');
    });
    await ui.open('banner');
    expect(() => click(button('Accept all'))).not.toThrow();
    expect(report).toHaveBeenCalledWith({ code: 'consent_ui_failed', message: 'Error: storage full' });
    expect(shadow().querySelector('[role=dialog]')).toBeNull();
  });
});
