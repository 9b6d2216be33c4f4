import type { HashedUser } from '../../core/src/types';
import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import { hashedFields } from './hashedFields';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

/**
 * Pinterest tag events for the canonical GA4 names (PLATFORMS.md §6), spelled as
 * the tag documents them (`addtocart`, not the Conversions API's `add_to_cart`,
 * which the tag would count as a user-defined event outside conversion reporting).
 * Pinterest has no product-view nor wishlist event: a product page is a
 * `pagevisit` with line items, a wishlist goes as `custom`. `begin_checkout` is
 * left out on purpose, see {@link mapPinterest}.
 */
export const PINTEREST_EVENTS: { [canonical: string]: string } = {
  page_view: 'pagevisit',
  view_item: 'pagevisit',
  view_item_list: 'viewcategory',
  search: 'search',
  add_to_cart: 'addtocart',
  purchase: 'checkout',
  generate_lead: 'lead',
  sign_up: 'signup',
};

/**
 * Canonical event → `pintrk` calls, each carrying the event id as `event_id`
 * (page views included) so the tag and the Conversions API deduplicate.
 * `begin_checkout` is not sent by default: Pinterest's `checkout` is a completed
 * sale, already sent for `purchase`; opt in with `events: { begin_checkout: 'checkout' }`.
 * Unknown events go as Pinterest's single `custom` event unless `unknown: 'skip'`.
 *
 * @example mapPinterest({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'pln' } }, {}) // [['track', 'checkout', { value: 99.5, currency: 'PLN', event_id: 'e1' }]]
 */
export const mapPinterest: PixelMapping = (event, options) => {
  const name = eventName(event.name, PINTEREST_EVENTS, { ...options, events: { begin_checkout: false, ...options.events } });
  if (name === false || (name === undefined && options.unknown == 'skip')) return [];
  // The base code's page call is Pinterest's page visit; a product page is tracked as pagevisit below.
  if (event.name == 'page_view' && name == 'pagevisit') return [['page', { event_id: event.id }]];
  const c = commerceOf(event.params);
  const params = defined({
    value: c.value,
    currency: c.currency,
    order_id: c.orderId,
    order_quantity: c.quantity || undefined,
    line_items: c.lines.length
      ? c.lines.map((l) => defined({ product_id: l.id, product_name: l.name, product_price: l.price, product_quantity: l.quantity, product_category: l.category }))
      : undefined,
    search_query: c.query,
    event_id: event.id,
  });
  return [['track', name ?? 'custom', params]];
};

/** The `pintrk` global as Pinterest's base code shapes it: calls queue as arrays until core.js loads. */
export type Pintrk = ((...args: unknown[]) => void) & { queue: unknown[][]; version: string };

/**
 * Installs Pinterest's official `pintrk` stub (queue, version 3.0), unless a
 * `pintrk` is already there: the site's own tag or an earlier install keeps
 * its queue and keeps working.
 */
export function installPinterestStub(win: Window): void {
  const w = win as Window & { pintrk?: Pintrk };
  if (w.pintrk) return;
  const pintrk = ((...args: unknown[]) => {
    pintrk.queue.push(args);
  }) as Pintrk;
  pintrk.queue = [];
  pintrk.version = '3.0';
  w.pintrk = pintrk;
}

/** Pinterest's tag script. */
export const PINTEREST_SCRIPT = (_options: MapOptions): string => 'https://s.pinimg.com/ct/core.js';

// Enhanced match takes the email only.
const PINTEREST_USER = { em: 'em' } as const;

/**
 * The call that starts the tag: `load` with enhanced match on the hashed email
 * (Pinterest takes SHA-256 as well as plain text). The page call is the
 * mapped `page_view`, which carries the event id.
 *
 * @example pinterestInit({ id: '2612345678901' }, { em: 'a3…' }) // [['load', '2612345678901', { em: 'a3…' }]]
 */
export function pinterestInit(options: MapOptions, user?: HashedUser): VendorCall[] {
  if (!options.id) return [];
  const match = hashedFields(user, PINTEREST_USER);
  return [match.em ? ['load', options.id, match] : ['load', options.id]];
}

/**
 * The hashed email learnt after `load`, as enhanced match through `set`
 * (64-hex only). None without a tag id or a usable email.
 *
 * @example pinterestIdentify({ id: '2612345678901' }, { em: 'a3…' }) // [['set', { em: 'a3…' }]]
 */
export function pinterestIdentify(options: MapOptions, user: HashedUser): VendorCall[] {
  const match = hashedFields(user, PINTEREST_USER);
  return options.id && match.em ? [['set', match]] : [];
}

/**
 * Pinterest documents no grant/revoke call: consent gates the loading of its
 * script, and a revoke stops the calls routed to it.
 */
export const pinterestConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** Pinterest's shim, the chunk's export for the pixel router. */
export const pinterest: Platform = {
  global: 'pintrk',
  stub: installPinterestStub,
  script: PINTEREST_SCRIPT,
  consent: pinterestConsent,
  init: pinterestInit,
  identify: pinterestIdentify,
  map: mapPinterest,
};
