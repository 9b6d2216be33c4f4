import type { Params } from './types';

type Layer = unknown[] & { push: (...items: unknown[]) => number; _tagrelay?: 1 };

/**
 * Takes a site's GA4 e-commerce pushes as tagrelay events, so a site leaving
 * GTM keeps its data layer as it is (issue 4): `dataLayer.push({ event:
 * 'purchase', ecommerce: { transaction_id, value, currency, items } })` becomes
 * `track('purchase', ecommerce)`. Pushes made before tagrelay arrived are
 * read first, in order; later ones as they come (the push is wrapped, keeping
 * whatever push GTM installed). Only that object form is read: gtag's own
 * Arguments entries (Consent Mode, the Google shim's events) never are, so no
 * event is taken twice or fed back. Returns what stops listening.
 */
export function readDataLayer(
  win: Window,
  name: string,
  track: (event: string, params: Params) => unknown,
): () => void {
  const w = win as unknown as { [name: string]: unknown };
  const layer = (Array.isArray(w[name]) ? w[name] : (w[name] = [])) as Layer;
  const take = (entry: unknown) => {
    // Plain objects (not arrays, null or gtag's Arguments) with an event name and an ecommerce
    // object; GTM's own (gtm.js, gtm.dom) have none.
    if (Object.prototype.toString.call(entry) != '[object Object]') return;
    const e = entry as { event?: unknown; ecommerce?: unknown };
    if (typeof e.event != 'string' || !e.ecommerce || typeof e.ecommerce != 'object' || Array.isArray(e.ecommerce)) return;
    track(e.event, e.ecommerce as Params);
  };
  // A second reader (the loader twice, a second init) would take every push twice.
  if (layer._tagrelay) return () => {};
  layer._tagrelay = 1;
  for (const entry of layer.slice()) take(entry);
  const push = layer.push;
  let on = true;
  layer.push = function (...items: unknown[]) {
    const n = push.apply(this, items);
    if (on) for (const item of items) take(item);
    return n;
  };
  return () => {
    on = false;
  };
}
