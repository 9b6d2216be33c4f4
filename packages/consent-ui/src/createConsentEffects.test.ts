// @vitest-environment happy-dom
import { Window as HappyWindow } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentChange, ConsentTexts } from '../../core/src/consentConfig';
import type { Config } from '../../core/src/createTracker';
import type { Decision } from '../../core/src/types';
import { createConsentEffects, type EffectsOptions } from './createConsentEffects';

const texts = {
  settings: 'Privacy settings',
  placeholder: '{vendor} content needs your consent to {category}.',
  placeholder_button: 'Allow',
  analytics: 'Analytics',
  marketing: 'Marketing',
} as ConsentTexts;

const decision = (c: Partial<Decision['c']>, vd?: Decision['vd']): Decision => ({
  v: 1, id: 'k3J9x', ts: Date.now(), rev: 1, c: { necessary: true, analytics: false, marketing: false, ...c }, ...(vd && { vd }),
});
const change = (next: Decision, previous: Decision | undefined, more: Partial<ConsentChange> = {}): ConsentChange => ({
  decision: next, previous, layer: 'preferences', action: 'save', lang: 'en', text_hash: 'a'.repeat(64), ...more,
});

type TestWindow = Window & { dl?: unknown[]; dataLayer?: unknown[]; fbq?: ReturnType<typeof vi.fn> };
const settle = () => new Promise((r) => setTimeout(r, 0));
const pushes = (layer: unknown[] = []) => layer.map((p) => (Object.prototype.toString.call(p) == '[object Arguments]' ? Array.from(p as ArrayLike<unknown>) : p));

// A page of its own per test: the effects' MutationObserver outlives a test.
let win: TestWindow;
let document: Document;
let fetchFn: ReturnType<typeof vi.fn>;
beforeEach(() => {
  win = new HappyWindow({ url: 'https://shop.example/cart/?email=a@b.example#pay' }) as unknown as TestWindow;
  document = win.document;
  fetchFn = vi.fn(() => Promise.resolve({ ok: true, status: 200 }));
  win.fetch = fetchFn as unknown as typeof fetch;
  win.fbq = vi.fn();
});
afterEach(async () => {
  await (win as unknown as HappyWindow).happyDOM.close();
});

const setup = (config: Config, current: Decision | undefined, more: Partial<EffectsOptions> = {}) => {
  const consent = { get: vi.fn(() => current), update: vi.fn(), show: vi.fn() };
  const report = vi.fn();
  const loadTexts = vi.fn(() => Promise.resolve({ lang: 'en', texts }));
  const effects = createConsentEffects({ config, consent, gpc: false, nonce: 'n0nce', report, loadTexts, ...more }, win);
  return { effects, consent, report, loadTexts };
};

describe('createConsentEffects', () => {
  it('at page start: Consent Mode update and event, vendor switches, activation, receipt retry, floating button', async () => {
    win.localStorage.setItem('tagrelay:receipts', JSON.stringify([{ v: 1, consent_id: 'old' }]));
    document.body.innerHTML = `<script type="text/plain" data-tr-consent="analytics" id="a">1</script><script type="text/plain" data-tr-consent="marketing" id="m">2</script>`;
    const { effects, consent, report } = setup(
      { endpoint: '/t', consent: { button: true, googleConsentMode: { dataLayer: 'dl' } }, pixels: { meta: {} } },
      decision({ analytics: true }),
    );
    effects.apply();
    expect(pushes(win.dl)).toEqual([
      ['consent', 'update', expect.objectContaining({ ad_storage: 'denied', analytics_storage: 'granted' })],
      { tagrelay_consent: null },
      { event: 'tagrelay_consent', tagrelay_consent: { necessary: true, analytics: true, marketing: false, vendors: {} } },
    ]);
    expect(win.dataLayer).toBeUndefined();
    expect(win.fbq).toHaveBeenCalledWith('consent', 'revoke');
    expect(document.getElementById('a')!.getAttribute('type')).toBeNull();
    expect((document.getElementById('a') as HTMLScriptElement).nonce).toBe('n0nce');
    expect(document.getElementById('m')!.getAttribute('type')).toBe('text/plain');
    // The sender and the button are chunks of their own, loaded on demand.
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalledWith('/t/c', expect.objectContaining({ body: JSON.stringify({ v: 1, consent_id: 'old' }) })));
    await vi.waitFor(() => expect(win.localStorage.getItem('tagrelay:receipts')).toBeNull());
    await vi.waitFor(() => expect(document.getElementById('tagrelay-settings')).not.toBeNull());
    const button = document.getElementById('tagrelay-settings')!.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Privacy settings');
    button.click();
    expect(consent.show).toHaveBeenCalledOnce();
    effects.apply();
    await settle();
    expect(document.querySelectorAll('#tagrelay-settings')).toHaveLength(1);
    expect(fetchFn).toHaveBeenCalledOnce();
    expect(report).not.toHaveBeenCalled();
  });

  it('on a withdrawal: denied update, vendors revoked, cookies removed, withdraw receipt sent', async () => {
    document.cookie = '_fbp=fb.1.2.3; path=/';
    document.cookie = '_ga=GA1.1; path=/';
    document.cookie = 'site=1; path=/';
    const before = decision({ analytics: true, marketing: true });
    const after = decision({ analytics: true });
    const { effects, report } = setup({ endpoint: 'https://t.example', pixels: { meta: {} } }, after);
    effects.apply(change(after, before));
    // Kept at once, before the sender's chunk is even asked for: a visitor leaving now loses no proof.
    expect(JSON.parse(win.localStorage.getItem('tagrelay:receipts')!)).toEqual([expect.objectContaining({ action: 'withdraw' })]);
    expect(pushes(win.dataLayer)[0]).toEqual(['consent', 'update', expect.objectContaining({ ad_storage: 'denied', ad_user_data: 'denied' })]);
    expect(win.fbq).toHaveBeenCalledWith('consent', 'revoke');
    expect(document.cookie).not.toContain('_fbp');
    expect(document.cookie).toContain('_ga=GA1.1');
    expect(document.cookie).toContain('site=1');
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalledOnce());
    const [url, init] = fetchFn.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('https://t.example/c');
    expect(JSON.parse(init.body as string)).toMatchObject({ consent_id: 'k3J9x', action: 'withdraw', layer: 'preferences', gpc: false, page: 'https://shop.example/cart/' });
    await vi.waitFor(() => expect(win.localStorage.getItem('tagrelay:receipts')).toBeNull());
    expect(document.getElementById('tagrelay-settings')).toBeNull();
    expect(report).not.toHaveBeenCalled();
  });

  it('without Consent Mode pushes nothing to the data layer; without an endpoint sends no receipt', async () => {
    const d = decision({ marketing: true });
    const { effects } = setup({ consent: { googleConsentMode: false } }, d);
    effects.apply(change(d, undefined));
    await settle();
    expect(win.dataLayer).toBeUndefined();
    expect(fetchFn).not.toHaveBeenCalled();
    expect(win.fbq).toHaveBeenCalledWith('consent', 'grant');
  });

  it('shows placeholders for blocked iframes; allowing one grants that vendor only, then activates it', async () => {
    document.body.innerHTML = `<iframe data-tr-consent="marketing" data-tr-vendor="meta" data-src="https://video.example/1"></iframe>`;
    const initial = decision({ analytics: true });
    const { effects, consent } = setup({ consent: {}, pixels: { meta: {}, tiktok: {} } }, initial);
    effects.apply();
    await settle();
    const iframe = document.querySelector('iframe')!;
    expect(iframe.hasAttribute('hidden')).toBe(true);
    const box = document.querySelector('.tr-placeholder')!;
    expect(box.nextElementSibling).toBe(iframe);
    expect(box.querySelector('p')!.textContent).toBe('Meta (Facebook, Instagram) content needs your consent to Marketing.');
    box.querySelector('button')!.click();
    // The vendor alone, not the marketing purpose; the receipt names the text the button stood under.
    await vi.waitFor(() =>
      expect(consent.update).toHaveBeenCalledWith(
        {},
        { layer: 'placeholder', action: 'save', lang: 'en', text_hash: expect.stringMatching(/^[0-9a-f]{64}$/), vendors: { meta: true } },
      ),
    );
    document.body.insertAdjacentHTML(
      'beforeend',
      `<script type="text/plain" data-tr-consent="marketing" id="any">1</script><script type="text/plain" data-tr-consent="marketing" data-tr-vendor="tiktok" id="tt">2</script>`,
    );
    const granted = decision({ analytics: true }, { meta: true });
    effects.apply(change(granted, initial, { layer: 'placeholder' }));
    expect(iframe.getAttribute('src')).toBe('https://video.example/1');
    expect(iframe.hasAttribute('hidden')).toBe(false);
    expect(document.querySelector('.tr-placeholder')).toBeNull();
    // Nothing else of marketing: neither a vendor-less script nor another vendor's.
    expect(document.getElementById('any')!.getAttribute('type')).toBe('text/plain');
    expect(document.getElementById('tt')!.getAttribute('type')).toBe('text/plain');
  });

  it("names an unnamed iframe by its host and a site category by its label; no placeholder once it is activated first", async () => {
    document.body.innerHTML = `<iframe data-tr-consent="personalization" data-src="https://maps.example/embed?q=1"></iframe>`;
    const initial = decision({});
    const { effects, consent } = setup(
      { consent: { googleConsentMode: false, categories: { personalization: { label: { en: 'Personalisation', pl: 'Personalizacja' } } } } },
      initial,
    );
    effects.apply();
    await settle();
    expect(document.querySelector('.tr-placeholder p')!.textContent).toBe('maps.example content needs your consent to Personalisation.');
    document.querySelector<HTMLButtonElement>('.tr-placeholder button')!.click();
    await vi.waitFor(() =>
      expect(consent.update).toHaveBeenCalledWith({ personalization: true }, { layer: 'placeholder', action: 'save', lang: 'en', text_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );

    document.body.innerHTML = `<iframe data-tr-consent="personalization" data-src="https://maps.example/2" id="late"></iframe>`;
    const allowedNow = decision({ personalization: true });
    effects.apply();
    effects.apply(change(allowedNow, initial));
    await settle();
    expect(document.getElementById('late')!.getAttribute('src')).toBe('https://maps.example/2');
  });

  it('never throws into the page: problems are reported', async () => {
    const consent = {
      get: () => {
        throw new Error('cookie jar broke');
      },
      update: vi.fn(),
      show: vi.fn(),
    };
    const report = vi.fn();
    const loadTexts = () => Promise.reject(new Error('texts chunk missing'));
    const effects = createConsentEffects({ config: { consent: { button: true } }, consent, gpc: false, report, loadTexts }, win);
    expect(() => effects.apply()).not.toThrow();
    win.fbq!.mockImplementation(() => {
      throw new Error('fbq broke');
    });
    const d = decision({ marketing: true });
    expect(() => effects.apply(change(d, undefined))).not.toThrow();
    await settle();
    const messages = report.mock.calls.map(([p]) => p.message).join('\n');
    expect(messages).toContain('cookie jar broke');
    expect(messages).toContain('fbq broke');
    expect(messages).toContain('texts chunk missing');
  });

  it('a decision made in another tab is applied here, but that tab sends the receipt', async () => {
    const before = decision({ analytics: true, marketing: true });
    const after = decision({ analytics: true });
    const { effects } = setup({ endpoint: '/t', pixels: { meta: {} } }, after);
    effects.apply({ ...change(after, before), remote: true });
    expect(win.fbq).toHaveBeenCalledWith('consent', 'revoke');
    // A local change after it proves the sender works and would have been called.
    effects.apply(change(after, before));
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalled());
    await settle();
    expect(fetchFn).toHaveBeenCalledOnce();
  });


  it('shows the floating button only once the visitor has decided (before that the banner is on screen)', async () => {
    const d = decision({ analytics: true });
    const { effects, loadTexts } = setup({ consent: { button: true } }, undefined);
    effects.apply();
    // The button starts by asking for its label: not asked, not mounted.
    expect(loadTexts).not.toHaveBeenCalled();
    effects.apply(change(d, undefined));
    await vi.waitFor(() => expect(document.getElementById('tagrelay-settings')).not.toBeNull());
  });
});
