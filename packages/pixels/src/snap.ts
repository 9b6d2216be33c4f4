import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { PixelMapping } from './types';

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
