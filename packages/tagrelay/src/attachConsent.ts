import { checkOptions, type Config, type ConsentChange, type FinishHook, type Tracker } from '@tagrelay/core';
import { createConsentEffects } from '../../consent-ui/src/createConsentEffects';
import { retryable } from '../../consent-ui/src/retryable';

type UIModule = typeof import('../../consent-ui/src/mountConsent');
type TextsModule = typeof import('../../consent-ui/src/loadTexts');
type PixelsModule = typeof import('../../pixels/src/startPixels');

/** Where the banner's chunks come from; tests pass their own. */
export type ConsentChunks = {
  ui: () => Promise<UIModule>;
  texts: () => Promise<TextsModule>;
  pixels: () => Promise<PixelsModule>;
};

const chunks: ConsentChunks = {
  ui: () => import('../../consent-ui/src/mountConsent'),
  texts: () => import('../../consent-ui/src/loadTexts'),
  pixels: () => import('../../pixels/src/startPixels'),
};

/** What happened on the tracker before this chunk arrived, in order: decisions, and `'show'` for consent.show(). */
export type Missed = (ConsentChange | 'show')[];

/**
 * The consent manager on a tracker: the effects of the decision in force and
 * of every new one (Consent Mode, receipts, vendor switches and cookies,
 * script activation), and the banner for a visitor without a stored decision
 * (and on `consent.show()`). The banner is a chunk of its own: a returning
 * visitor never downloads it (ARCHITECTURE.md).
 */
export function attachConsent(tracker: Tracker, config: Config, nonce?: string, missed: Missed = [], load = chunks): Promise<FinishHook | void> | undefined {
  const c = config.consent || {};
  const consent = tracker.consent;
  const gpc = consent.gpc;
  const report = tracker._report;
  const fail = (e: unknown) => report({ code: 'consent_ui_unavailable', message: String(e), level: 'warn' });
  checkOptions(config, report);
  // A chunk of its own, only for sites that ask: pushes made meanwhile wait in the layer and are read first, in order.
  const layer = config.dataLayer;
  if (layer)
    import('../../core/src/readDataLayer')
      .then((m) => m.readDataLayer(window, typeof layer == 'string' ? layer : 'dataLayer', (name, params) => tracker.track(name, params)))
      .catch(fail);

  const effects = createConsentEffects({ config, consent, gpc, nonce, report, loadTexts: () => load.texts().then((m) => m.loadTexts(c)) });
  let ui: Promise<ReturnType<UIModule['mountConsent']>> | undefined;
  const open = (layer: 'banner' | 'preferences') =>
    c.ui !== false &&
    // A chunk that failed to load is asked for again: the footer link must still open the preferences.
    (ui ||= retryable(load.ui(), () => (ui = undefined)).then((m) => m.mountConsent({ config: c, pixels: config.pixels, consent, gpc, nonce, report })))
      .then((u) => {
        // The site's own consent('update') may have answered while the chunk loaded.
        if (layer == 'preferences' || !consent.get()?.id) return u.open(layer);
      })
      .catch(fail);

  // The decision in force (or none: blocked iframes get their placeholders), then what the
  // page did before this chunk arrived, in order.
  effects.apply();
  for (const m of missed) m == 'show' ? open('preferences') : effects.apply(m);
  tracker.on('change', effects.apply);
  // No stored decision (opt-out mode's implied default has no id): ask, unless the visitor
  // already asked for the preferences.
  if (!consent.get()?.id && !missed.includes('show')) open('banner');
  tracker.on('show', () => open('preferences'));
  // The pixels router: a chunk for sites with pixels, once marketing may be allowed (before a
  // first decision too, so the events held until then reach it). Events wait for it.
  const pixels = Object.keys(config.pixels || {});
  let router: Promise<FinishHook | void> | undefined;
  const startPixels = (d = consent.get()) =>
    pixels.length && (!d || d.c.marketing)
      ? (router ||= retryable(load.pixels(), () => (router = undefined)).then((m) => m.startPixels(tracker, config, nonce), fail))
      : undefined;
  tracker.on('consent', (d) => {
    // Answered elsewhere (the site's code, another tab): the question is gone here too.
    ui?.then((u) => u.close(), () => {});
    const r = startPixels(d);
    if (r) tracker._wait(r);
  });
  return startPixels();
}
