import type { HashedUser } from '../../core/src/types';
import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import { hashedFields } from './hashedFields';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

/** Snap's standard events for the canonical GA4 names (PLATFORMS.md §6); Snap has no lead event. */
export const SNAP_EVENTS: { [canonical: string]: string } = {
  page_view: 'PAGE_VIEW',
  view_item: 'VIEW_CONTENT',
  view_item_list: 'LIST_VIEW',
  search: 'SEARCH',
  add_to_cart: 'ADD_CART',
  add_to_wishlist: 'ADD_TO_WISHLIST',
  begin_checkout: 'START_CHECKOUT',
  add_payment_info: 'ADD_BILLING',
  purchase: 'PURCHASE',
  sign_up: 'SIGN_UP',
};

/**
 * Canonical event → `snaptr` calls. Every call, PAGE_VIEW included, carries
 * the event id as `client_dedup_id` (the Conversions API `event_id`). Snap's
 * custom events are the fixed CUSTOM_EVENT_1…5, not free names, so an
 * unmapped event is skipped unless the site maps it
 * (`events: { quote_requested: 'CUSTOM_EVENT_1' }`).
 *
 * @example mapSnap({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'PLN' } }, {}) // [['track', 'PURCHASE', { price: 99.5, currency: 'PLN', client_dedup_id: 'e1' }]]
 */
export const mapSnap: PixelMapping = (event, options) => {
  const name = eventName(event.name, SNAP_EVENTS, options);
  if (!name) return [];
  const c = commerceOf(event.params);
  const params = defined({
    price: c.value,
    currency: c.currency,
    item_ids: c.lines.length ? c.lines.map((l) => l.id) : undefined,
    number_items: c.quantity || undefined,
    transaction_id: c.orderId,
    search_string: c.query,
    client_dedup_id: event.id,
  });
  return [['track', name, params]];
};

/** The `snaptr` global as Snap's base code shapes it: calls queue as Arguments objects until scevent.min.js sets `handleRequest`. */
export type Snaptr = ((...args: unknown[]) => void) & { queue: IArguments[]; handleRequest?: (...args: unknown[]) => void };

/**
 * Installs Snap's official `snaptr` stub (handleRequest or queue), unless a
 * `snaptr` is already there: the site's own tag or an earlier install keeps
 * its queue and keeps working.
 */
export function installSnapStub(win: Window): void {
  const w = win as Window & { snaptr?: Snaptr };
  if (w.snaptr) return;
  // A function expression, not an arrow: Snap's script drains the queued Arguments objects as they are.
  const snaptr = function () {
    if (snaptr.handleRequest) snaptr.handleRequest(...arguments);
    else snaptr.queue.push(arguments);
  } as Snaptr;
  snaptr.queue = [];
  w.snaptr = snaptr;
}

/** Snap's pixel script. */
export const SNAP_SCRIPT = (_options: MapOptions): string => 'https://sc-static.net/scevent.min.js';

/**
 * The call that starts the pixel: `init` with the hashed email and phone (as
 * `snapIdentify`), or without user data.
 *
 * @example snapInit({ id: 'a1b2…' }, { em: 'a3…', ph: '5c…' }) // [['init', 'a1b2…', { user_hashed_email: 'a3…', user_hashed_phone_number: '5c…' }]]
 */
export function snapInit(options: MapOptions, user: HashedUser = {}): VendorCall[] {
  if (!options.id) return [];
  const identify = snapIdentify(options, user);
  return identify.length ? identify : [['init', options.id]];
}

/**
 * `init` again with the hashed email and phone learnt after the pixel
 * started (64-hex values only). Snap normalises phones with the country code
 * and without the `+` (its Conversions API data hygiene rules), so the phone
 * is `ph`, as for Meta. None without a pixel id or a usable value.
 *
 * @example snapIdentify({ id: 'a1b2…' }, { em: 'a3…' }) // [['init', 'a1b2…', { user_hashed_email: 'a3…' }]]
 */
export function snapIdentify(options: MapOptions, user: HashedUser): VendorCall[] {
  const match = hashedFields(user, { user_hashed_email: 'em', user_hashed_phone_number: 'ph' });
  return options.id && Object.keys(match).length ? [['init', options.id, match]] : [];
}

/**
 * Snap documents no grant/revoke call: consent gates the loading of its
 * script, and a revoke stops the calls routed to it.
 */
export const snapConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** Snap's shim, the chunk's export for the pixel router. */
export const snap: Platform = {
  global: 'snaptr',
  stub: installSnapStub,
  script: SNAP_SCRIPT,
  consent: snapConsent,
  init: snapInit,
  identify: snapIdentify,
  map: mapSnap,
};
