import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { HashedUser } from '../../core/src/types';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

/** Reddit's standard events for the canonical GA4 names (PLATFORMS.md §6); the rest go as `Custom`. */
export const REDDIT_EVENTS: { [canonical: string]: string } = {
  page_view: 'PageVisit',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_cart: 'AddToCart',
  add_to_wishlist: 'AddToWishlist',
  purchase: 'Purchase',
  generate_lead: 'Lead',
  sign_up: 'SignUp',
};

/**
 * Canonical event → `rdt` calls, each carrying the event id as `conversionId`
 * (page visits included) so the pixel and the Conversions API deduplicate.
 * Events without a Reddit name go as `Custom` with `customEventName`.
 *
 * @example mapReddit({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'pln' } }, {}) // [['track', 'Purchase', { value: 99.5, currency: 'PLN', conversionId: 'e1' }]]
 */
export const mapReddit: PixelMapping = (event, options) => {
  const name = eventName(event.name, REDDIT_EVENTS, options);
  if (name === false || (name === undefined && options.unknown == 'skip')) return [];
  if (name == 'PageVisit') return [['track', 'PageVisit', { conversionId: event.id }]];
  const c = commerceOf(event.params);
  const params = defined({
    customEventName: name === undefined ? event.name : undefined,
    value: c.value,
    currency: c.currency,
    itemCount: c.quantity || undefined,
    conversionId: event.id,
    products: c.lines.length ? c.lines.map((l) => defined({ id: l.id, name: l.name, category: l.category })) : undefined,
  });
  return [['track', name ?? 'Custom', params]];
};

/** The `rdt` global as Reddit's base code shapes it: calls queue as Arguments objects until pixel.js sets `sendEvent`. */
export type Rdt = ((...args: unknown[]) => void) & { callQueue: IArguments[]; sendEvent?: (...args: unknown[]) => void };

/**
 * Installs Reddit's official `rdt` stub (sendEvent or callQueue), unless an
 * `rdt` is already there: the site's own tag or an earlier install keeps its
 * queue and keeps working.
 */
export function installRedditStub(win: Window): void {
  const w = win as Window & { rdt?: Rdt };
  if (w.rdt) return;
  // A function expression, not an arrow: Reddit's script drains the queued Arguments objects as they are.
  const rdt = function () {
    if (rdt.sendEvent) rdt.sendEvent(...arguments);
    else rdt.callQueue.push(arguments);
  } as Rdt;
  rdt.callQueue = [];
  w.rdt = rdt;
}

/** Reddit's pixel script. */
export const REDDIT_SCRIPT = (_options: MapOptions): string => 'https://www.redditstatic.com/ads/pixel.js';

/**
 * The call that starts the pixel: `init` with decimal values (the mapping
 * sends `99.5`, not cents). No advanced matching: Reddit takes a pre-hashed
 * email only when hashed after its own canonicalisation (alias and
 * punctuation removed from the local part), which is not `em`'s, and it
 * documents no hashing rule for `externalId`.
 *
 * @example redditInit({ id: 'a2_abc' }) // [['init', 'a2_abc', { optOut: false, useDecimalCurrencyValues: true }]]
 */
export const redditInit = (options: MapOptions, _user?: HashedUser): VendorCall[] =>
  options.id ? [['init', options.id, { optOut: false, useDecimalCurrencyValues: true }]] : [];

/** No calls: the pixel is given no hashed user data (see `redditInit`). */
export const redditIdentify = (_options: MapOptions, _user: HashedUser): VendorCall[] => [];

/**
 * Reddit documents no grant/revoke call: consent gates the loading of its
 * script, and a revoke stops the calls routed to it.
 */
export const redditConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** Reddit's shim, the chunk's export for the pixel router. */
export const reddit: Platform = {
  global: 'rdt',
  stub: installRedditStub,
  script: REDDIT_SCRIPT,
  consent: redditConsent,
  init: redditInit,
  identify: redditIdentify,
  map: mapReddit,
};
