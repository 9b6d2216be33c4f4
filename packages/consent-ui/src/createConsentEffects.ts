import type { ChangeInfo, ConsentChange, ConsentTexts, VendorChoices } from '../../core/src/consentConfig';
import type { Config } from '../../core/src/createTracker';
import type { Choices, Decision, Problem } from '../../core/src/types';
import { vendorAllowed } from '../../core/src/vendorAllowed';
import { activateElements } from './activateElements';
import { consentModeUpdate } from './consentModeUpdate';
import { bodyReady } from './bodyReady';
import { buildReceipt } from './buildReceipt';
import type { ReceiptSender } from './createReceiptSender';
import { keepReceipt, readPending } from './pendingReceipts';
import { removeVendorCookies, withdrawnCookies } from './removeVendorCookies';
import { renderPlaceholder } from './renderPlaceholder';
import { retryable } from './retryable';
import { vendors } from './vendors';
import { vendorSwitches } from './vendorSwitches';

export type EffectsOptions = {
  /** The whole init config. */
  config: Config;
  /** The tracker's consent API. */
  consent: {
    get(): Decision | undefined;
    update(choices: Partial<Choices>, how: ChangeInfo & { vendors?: VendorChoices | undefined }): unknown;
    show(): void;
  };
  /** Whether Global Privacy Control is signalled and honoured on this page. */
  gpc: boolean;
  nonce?: string | undefined;
  report(problem: Problem): void;
  /** Loads the texts in the visitor's language (the UI package's loader). */
  loadTexts(): Promise<{ lang: string; texts: ConsentTexts }>;
};

export type ConsentEffects = {
  /** Without a change: the decision in force at page start. With one: a decision just made. */
  apply(change?: ConsentChange): void;
};

/**
 * What a consent decision does to the page: Consent Mode and vendor
 * switches, withdrawn cookies removed, the receipt sent, waiting scripts and
 * iframes activated, the floating preferences button.
 *
 * @example const effects = createConsentEffects({ config, consent: tracker.consent, gpc, report, loadTexts }); effects.apply(); tracker.on('change', effects.apply);
 */
export function createConsentEffects(o: EffectsOptions, win: Window = window): ConsentEffects {
  const { config, consent, report } = o;
  const doc = win.document;
  const cc = config.consent || {};
  const gcm = cc.googleConsentMode;
  const dataLayer = (typeof gcm == 'object' && gcm.dataLayer) || 'dataLayer';
  const vendorKeys = Object.keys(config.pixels || {});
  // The site's own Google tags set their ad cookies too.
  if (gcm !== false && !vendorKeys.includes('google')) vendorKeys.push('google');
  const custom = cc.categories || {};
  const categories = ['necessary', 'analytics', 'marketing', ...Object.keys(custom)];
  let current: Decision | undefined;
  let started = false;
  let texts: Promise<{ lang: string; texts: ConsentTexts }> | undefined;
  const loadTexts = () => (texts ||= retryable(o.loadTexts(), () => (texts = undefined)));

  const failed = (step: string) => (e: unknown) => report({ code: 'consent_effect_failed', message: `${step}: ${(e as Error)?.message}` });
  // Never throw into the site's code: each step reports and the others still run.
  const guard = (step: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      failed(step)(e);
    }
  };

  // The sender and the floating button are chunks of their own: most pages need neither
  // (no decision made on them, no receipt left to resend, no button configured).
  let senderChunk: Promise<ReceiptSender> | undefined;
  const storage = () => win.localStorage;
  const sender = config.endpoint
    ? () =>
        (senderChunk ||= retryable(
          import('./createReceiptSender').then((m) => m.createReceiptSender({ url: `${config.endpoint}/c`, report }, (url, init) => win.fetch(url, init), storage)),
          () => (senderChunk = undefined),
        ))
    : undefined;

  const categoryLabel = (category: string, lang: string, t: ConsentTexts) => {
    const label = custom[category]?.label;
    if (!label) return (t as { [key: string]: string })[category] || category;
    return typeof label == 'string' ? label : label[lang] || label.en || Object.values(label)[0] || category;
  };
  const vendorName = (iframe: HTMLIFrameElement, vendor: string | undefined) => {
    if (vendor) return config.pixels?.[vendor]?.name || vendors[vendor]?.name || vendor;
    try {
      return new URL(iframe.getAttribute('data-src') || '', doc.baseURI).hostname;
    } catch {
      return '';
    }
  };

  /**
   * A placeholder's button. Consent is specific (COMPLIANCE.md 2): an embed of a
   * marketing vendor allows that vendor alone, not the marketing purpose (no
   * other vendor, no hashed identity sent); an embed without a vendor allows
   * its purpose. The receipt proves the text the button stood under.
   */
  const allow = (category: string, vendor: string | undefined, lang: string, text: string) => {
    const only = category == 'marketing' && vendor;
    import('./textHash')
      .then((m) => m.textHash({ lang, placeholder: text }))
      .catch(() => undefined)
      .then((text_hash) =>
        consent.update(only ? {} : { [category]: true }, {
          layer: 'placeholder',
          action: 'save',
          lang,
          ...(text_hash && { text_hash }),
          ...(only && { vendors: { [vendor]: true } }),
        }),
      )
      .catch(failed('placeholder'));
  };

  const placeholder = (iframe: HTMLIFrameElement, category: string, vendor: string | undefined) => {
    let remove: (() => void) | undefined;
    let activated = false;
    loadTexts()
      .then(({ lang, texts: t }) => {
        if (activated) return;
        const text = t.placeholder.replace(/\{vendor\}/g, vendorName(iframe, vendor)).replace(/\{category\}/g, categoryLabel(category, lang, t));
        remove = renderPlaceholder(iframe, { text, button: t.placeholder_button, onAllow: () => allow(category, vendor, lang, text + ' ' + t.placeholder_button) }, doc);
      })
      .catch(failed('placeholder'));
    return () => {
      activated = true;
      remove?.();
    };
  };

  const activation = activateElements(
    {
      // Vendor choices exist inside marketing only: a vendor refused stays blocked under a granted
      // purpose, and a vendor allowed on its own (an embed's placeholder) runs without it.
      allowed: (category, vendor) => (category == 'marketing' && vendor ? vendorAllowed(current, vendor) : !!current?.c[category]),
      categories,
      nonce: o.nonce ?? config.nonce,
      placeholder,
      report,
    },
    doc,
  );

  const start = () => {
    if (started) return;
    started = true;
    if (sender) {
      const retry = () => readPending(storage).length && sender().then((x) => x.retry(), failed('receipt retry'));
      retry();
      win.addEventListener('online', retry);
    }
  };
  let button = false;
  // Once the visitor has decided: before that the banner itself is on screen.
  const showButton = () => {
    if (button || !cc.button || !current?.id) return;
    button = true;
    Promise.all([loadTexts(), import('./mountFloatingButton'), bodyReady(doc)])
      .then(([{ texts: t }, m]) =>
        m.mountFloatingButton({ label: t.settings, onClick: () => guard('show', () => consent.show()), nonce: o.nonce ?? config.nonce }, doc),
      )
      .catch(failed('floating button'));
  };

  return {
    apply(change) {
      guard('apply', () => {
        current = change ? change.decision : consent.get();
        const decision = current;
        // Google tags learn the new state first, before any newly allowed script runs.
        if (decision && gcm !== false) guard('consent mode', () => consentModeUpdate(decision, win, dataLayer));
        if (decision) guard('vendor switches', () => vendorSwitches(win, decision, report));
        if (change) {
          guard('cookies', () => removeVendorCookies(withdrawnCookies(change.previous, change.decision, vendorKeys), doc));
          // A decision made in another tab: that tab sent its receipt.
          if (sender && !change.remote) {
            const receipt = buildReceipt(change, { gpc: o.gpc, page: win.location.href, lang: doc.documentElement?.lang });
            // Kept first, so a visitor who leaves before the sender arrives still has it sent from the next page.
            const kept = keepReceipt(receipt, storage);
            sender()
              .then((x) => (kept ? x.retry() : x.send(receipt)))
              .catch(failed('receipt'));
          }
        }
        guard('activation', activation.run);
        guard('start', start);
        guard('button', showButton);
      });
    },
  };
}
