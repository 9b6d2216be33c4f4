import type { ChangeInfo, ConsentConfig, ConsentTexts, PixelConfig, VendorChoices } from '../../core/src/consentConfig';
import type { Choices, Decision, Problem } from '../../core/src/types';
import { CATEGORY_KEY } from '../../core/src/limits';
import { adoptStyles } from './adoptStyles';
import { bodyReady } from './bodyReady';
import { loadTexts } from './loadTexts';
import { css } from './styles';
import { textHash } from './textHash';
import { vendors as known } from './vendors';

/** What the UI needs from the runtime: the decision in force, and a way to record one. */
export type ConsentHost = {
  /** The decision in force: stored, or (opt-out mode) the implied default with id '' (not stored). */
  get(): Decision | undefined;
  /** Records a decision; the runtime stores it, sends the receipt and applies it. */
  update(choices: Partial<Choices>, how: ChangeInfo & { vendors?: VendorChoices }): void;
};

/** Options of `mountConsent`. */
export type MountOptions = {
  /** The init config's `consent` section (`{}` when absent). */
  config: ConsentConfig;
  /** The init config's `pixels`: the vendor list. */
  pixels?: { [vendor: string]: PixelConfig };
  consent: ConsentHost;
  /** `navigator.globalPrivacyControl === true` and `config.gpc !== false`. */
  gpc: boolean;
  /** CSP nonce for the `<style>` fallback. */
  nonce?: string;
  /** Told about DOM or loading failures; the UI never throws. */
  report?: (problem: Problem) => void;
};

/** The mounted UI: `open` shows a layer (loading its texts once), `close` hides it, `destroy` removes it. */
export type ConsentUI = { open(layer: 'banner' | 'preferences'): Promise<void>; close(): void; destroy(): void };

type Layer = 'banner' | 'preferences';
/** What `h` appends: falsy children are left out. */
type Child = Node | string | false | undefined;
type Attrs = { [name: string]: string | boolean | undefined | ((e: KeyboardEvent) => void) };
/** key, label, description */
type Category = [string, string, string];
/** key, name, purpose, policy URL */
type Vendor = [string, string, string, string | undefined];
type Shown = { lang: string; t: ConsentTexts; cats: Category[]; list: Vendor[]; hash?: string };

const HOST_ID = 'tagrelay-consent';
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Only http(s) and relative links: a `javascript:` policy URL from a config must never become a link. */
const safeUrl = (url: unknown) => {
  try {
    return typeof url == 'string' && /^https?:$/.test(new URL(url, 'https://x.invalid/').protocol) ? url : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The consent banner (first layer) and preferences (second layer), in an open
 * shadow root of one `#tagrelay-consent` element; nothing shows until `open()`.
 * Config texts are only ever rendered as text.
 * @example mountConsent({ config: { policyUrl: '/privacy' }, pixels, consent, gpc: false }).open('banner');
 */
export function mountConsent({ config, pixels, consent, gpc, nonce, report }: MountOptions, doc: Document = document): ConsentUI {
  const optOut = config.mode == 'opt-out';
  const fail = (e: unknown) => report?.({ code: 'consent_ui_failed', message: String(e) });
  let shown: Promise<Shown> | undefined;
  let root: ShadowRoot | undefined;
  let current: Element | undefined;
  let before: Element | null = null;

  const h = (tag: string, attrs: Attrs = {}, ...children: Child[]) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v == 'function')
        el.addEventListener(k, (e) => {
          try {
            v(e as KeyboardEvent);
          } catch (err) {
            fail(err);
          }
        });
      else if (typeof v == 'boolean') (el as HTMLInputElement).checked = v;
      else if (v != null) el.setAttribute(k, v);
    }
    for (const c of children) if (c) el.append(c);
    return el;
  };

  const load = async (): Promise<Shown> => {
    const { lang, texts: t } = await loadTexts(config, doc);
    /** A config text: one string, or one per language (this one, else English). */
    const text = (v: unknown, fallback: string) => {
      if (v && typeof v == 'object') v = (v as { [lang: string]: unknown })[lang] ?? (v as { en?: unknown }).en;
      return typeof v == 'string' ? v : fallback;
    };
    const cats: Category[] = [
      ['analytics', t.analytics, t.analytics_description],
      ['marketing', t.marketing, t.marketing_description],
    ];
    for (const [k, c] of Object.entries(config.categories || {}))
      // Names the runtime accepts as categories (consentState); the built-in ones cannot be redefined.
      if (c && CATEGORY_KEY.test(k) && !/^(necessary|analytics|marketing)$/.test(k)) cats.push([k, text(c.label, k), text(c.description, '')]);
    const list: Vendor[] = [];
    for (const [k, p] of Object.entries(pixels || {})) {
      if (!p || typeof p != 'object') continue;
      const v = has(known, k) ? known[k] : undefined;
      const name = text(p.name, v ? v.name : '');
      if (name) list.push([k, name, text(p.purpose, t.vendor_purpose), safeUrl(p.policyUrl || v?.policyUrl)]);
    }
    return { lang, t, cats, list, hash: await textHash({ lang, texts: t, categories: cats, vendors: list }) };
  };

  const mount = () => {
    if (root?.host.isConnected) return root;
    let host = doc.getElementById(HOST_ID);
    if (!host) doc.body.append((host = h('div', { id: HOST_ID })));
    if (!host.shadowRoot) adoptStyles(host.attachShadow({ mode: 'open' }), css, nonce);
    return (root = host.shadowRoot!);
  };

  const close = () => {
    if (!current || !root) return;
    const focusInside = root.activeElement;
    current.remove();
    current = undefined;
    // Only give the focus back when it was ours: a visitor who moved on in the page keeps their place.
    if (focusInside && before?.isConnected) (before as HTMLElement).focus?.({ preventScroll: true });
    before = null;
  };

  /** Shows one layer in place of any other; with `focus`, it takes the focus (its first button). */
  const show = (el: Element, dialog: Element, focus: boolean) => {
    const r = mount();
    const focusInside = !!r.activeElement;
    if (!current) {
      // The element that really had the focus, inside shadow roots too (the floating button's).
      let el = doc.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      before = el == r.host ? null : el;
    }
    for (const old of Array.from(r.children)) if (old.localName == 'div') old.remove();
    r.append(el);
    current = el;
    // A notice never steals the focus, unless the visitor was already in our UI (back from the preferences).
    if (focus || focusInside) dialog.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  };

  const decide = (s: Shown, choices: Partial<Choices>, layer: Layer, action: ChangeInfo['action'], vendors?: VendorChoices) => {
    const how: ChangeInfo & { vendors?: VendorChoices } = { layer, action, lang: s.lang };
    if (s.hash) how.text_hash = s.hash;
    if (vendors) how.vendors = vendors;
    try {
      consent.update(choices, how);
    } finally {
      close();
    }
  };
  /** Every category, site ones included, and every vendor: on or off. */
  const everything = (s: Shown, on: boolean) => Object.fromEntries([['necessary', true], ...s.cats.map(([k]) => [k, on])]) as Choices;
  const everyVendor = (s: Shown, on: boolean) => Object.fromEntries(s.list.map(([k]) => [k, on]));
  const all = (s: Shown, on: boolean, layer: Layer) => decide(s, everything(s, on), layer, on ? 'accept_all' : 'reject_all', everyVendor(s, on));
  /** Opt-out mode's defaults when the host has none to give: everything on, marketing off under GPC. */
  const implied = (s: Shown) => ({ ...everything(s, true), marketing: !gpc });
  const button = (label: string, cls: string, click: () => void) => h('button', { type: 'button', class: cls, click }, label);

  /**
   * A layer: title, description, then the rest. A modal one keeps Tab inside;
   * with `back`, a close button sits by the title and Escape calls it too.
   */
  const dialog = (s: Shown, id: string, modal: boolean, title: string, description: string, back: false | (() => void), ...rest: Child[]) => {
    const heading = h('h2', { id: id + '-t' }, title);
    const keydown = (e: KeyboardEvent) => {
      if (e.key == 'Escape' && back) back();
      if (e.key != 'Tab' || !modal) return;
      const focusable = (e.currentTarget as Element).querySelectorAll<HTMLElement>('button, a[href], input');
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (root?.activeElement == (e.shiftKey ? first : last)) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    };
    return h(
      'div',
      { class: 'layer ' + id, role: 'dialog', 'aria-modal': String(modal), 'aria-labelledby': id + '-t', 'aria-describedby': id + '-d', lang: s.lang, keydown },
      back ? h('div', { class: 'head' }, heading, h('button', { type: 'button', class: 'close', 'aria-label': s.t.close, click: back }, '×')) : heading,
      h('p', { id: id + '-d' }, description),
      ...rest,
    );
  };

  // The first layer is a non-modal dialog: the page stays usable (no cookie wall, COMPLIANCE.md 2)
  // and Tab may leave it; it takes the focus when it opens so keyboard users meet it first.
  const banner = (s: Shown) => {
    const { t } = s;
    const policy = safeUrl(config.policyUrl);
    const el = dialog(
      s,
      'banner',
      false,
      optOut ? t.opt_out_title : t.title,
      optOut ? t.opt_out_description : t.description,
      false,
      policy && h('p', {}, h('a', { href: policy }, t.policy)),
      gpc && h('p', { class: 'gpc' }, t.gpc),
      h(
        'div',
        { class: 'buttons' },
        ...(optOut
          ? [
              button(t.do_not_sell, 'choice', () => decide(s, { marketing: false }, 'banner', 'opt_out', everyVendor(s, false))),
              button(t.customize, 'alt', () => preferences(s)),
              button(t.ok, 'choice', () => {
                const held = consent.get();
                decide(s, held ? held.c : implied(s), 'banner', 'save', held?.vd);
              }),
            ]
          : [
              button(t.reject_all, 'choice', () => all(s, false, 'banner')),
              button(t.accept_all, 'choice', () => all(s, true, 'banner')),
              button(t.customize, 'alt', () => preferences(s)),
            ]),
      ),
    );
    show(el, el, !optOut);
  };

  const preferences = (s: Shown) => {
    const { t, cats, list } = s;
    const d = consent.get();
    // No pre-ticked boxes (Planet49): off unless chosen, or implied by opt-out mode.
    const c: Partial<Choices> = d ? d.c : optOut ? implied(s) : {};
    const switches: { [k: string]: HTMLInputElement } = {};
    const vendorSwitches: [string, HTMLInputElement][] = [];
    const toggle = (id: string, on: boolean, change: () => void) =>
      h('input', { type: 'checkbox', role: 'switch', id, checked: on, change }) as HTMLInputElement;
    const row = (label: Element, control: Element, description: Child, ...extra: Child[]) =>
      h('div', { class: 'cat' }, h('div', { class: 'row' }, label, control), description && h('p', { class: 'muted' }, description), ...extra);

    const vendorRows = list.map(([k, name, purpose, url], i) => {
      // On when marketing is and the vendor is not refused, or when the vendor alone was allowed (an embed).
      const input = toggle('tr-v' + i, d?.vd?.[k] === true || (!!c.marketing && d?.vd?.[k] !== false), () => {
        // A vendor on needs marketing on; with every vendor off, marketing is off.
        switches.marketing.checked = vendorSwitches.some(([, v]) => v.checked);
      });
      vendorSwitches.push([k, input]);
      const link = url && h('a', { href: url, target: '_blank', rel: 'noopener', 'aria-label': t.vendor_policy + ' – ' + name }, t.vendor_policy);
      return h('li', {}, h('div', { class: 'row' }, h('label', { for: input.id }, name), input), h('p', { class: 'muted' }, purpose, link && ' ', link));
    });

    const el = dialog(
      s,
      'prefs',
      true,
      t.preferences_title,
      t.preferences_description,
      // Closing is not consent: without a decision the question stays (COMPLIANCE.md 2).
      () => (consent.get()?.id ? close() : banner(s)),
      row(h('span', { class: 'label' }, t.necessary), h('span', { class: 'on' }, t.always_on), t.necessary_description),
      ...cats.map(([k, label, description]) => {
        const input = (switches[k] = toggle('tr-c-' + k, !!c[k], () => {
          if (k == 'marketing') for (const [, v] of vendorSwitches) v.checked = input.checked;
        }));
        return row(
          h('label', { for: input.id }, label),
          input,
          description,
          k == 'marketing' && list.length > 0 && h('h3', {}, t.vendors),
          k == 'marketing' && list.length > 0 && h('ul', {}, ...vendorRows),
        );
      }),
      h(
        'div',
        { class: 'buttons' },
        button(t.reject_all, 'choice', () => all(s, false, 'preferences')),
        button(t.accept_all, 'choice', () => all(s, true, 'preferences')),
        button(t.save, 'alt', () =>
          decide(
            s,
            Object.fromEntries([['necessary', true], ...cats.map(([k]) => [k, switches[k].checked])]) as Choices,
            'preferences',
            'save',
            Object.fromEntries(vendorSwitches.map(([k, v]) => [k, v.checked])),
          ),
        ),
      ),
    );
    show(h('div', { class: 'backdrop' }, el), el, true);
  };

  return {
    async open(layer) {
      try {
        const s = await (shown ||= load());
        // The texts took a while: the visitor may have decided meanwhile (another tab, the site's code).
        if (layer == 'banner' && consent.get()?.id) return;
        await bodyReady(doc);
        (layer == 'preferences' ? preferences : banner)(s);
      } catch (e) {
        // A failed chunk or hash is tried again on the next open.
        shown = undefined;
        fail(e);
      }
    },
    close() {
      try {
        close();
      } catch (e) {
        fail(e);
      }
    },
    destroy() {
      try {
        close();
        root?.host.remove();
        root = undefined;
      } catch (e) {
        fail(e);
      }
    },
  };
}
