import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { PixelMapping } from './types';

/** Meta's standard events for the canonical GA4 names (PLATFORMS.md §6). */
export const META_EVENTS: { [canonical: string]: string } = {
  page_view: 'PageView',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_cart: 'AddToCart',
  add_to_wishlist: 'AddToWishlist',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  purchase: 'Purchase',
  generate_lead: 'Lead',
  sign_up: 'CompleteRegistration',
};

/**
 * Canonical event → `fbq` calls. The event id is the 4th argument on every
 * call, PageView included, so the pixel and the Conversions API deduplicate;
 * `value` is a number and `content_type` a string (PLATFORMS.md §1, §6).
 *
 * @example mapMeta({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'PLN' } }, {}) // [['track', 'Purchase', { value: 99.5, currency: 'PLN' }, { eventID: 'e1' }]]
 */
export const mapMeta: PixelMapping = (event, options) => {
  const name = eventName(event.name, META_EVENTS, options);
  if (name === false || (name === undefined && options.unknown == 'skip')) return [];
  const dedup = { eventID: event.id };
  if (name == 'PageView') return [['track', 'PageView', {}, dedup]];
  const c = commerceOf(event.params);
  const params = defined({
    value: c.value,
    currency: c.currency,
    content_ids: c.lines.length ? c.lines.map((l) => l.id) : undefined,
    contents: c.lines.length ? c.lines.map((l) => defined({ id: l.id, quantity: l.quantity, item_price: l.price })) : undefined,
    // A list view is a product group; a string either way, never an array.
    content_type: c.lines.length ? (event.name == 'view_item_list' ? 'product_group' : 'product') : undefined,
    content_name: c.lines.length == 1 ? c.lines[0]!.name : undefined,
    num_items: event.name == 'purchase' || event.name == 'begin_checkout' ? c.quantity || undefined : undefined,
    order_id: c.orderId,
    search_string: c.query,
  });
  return [name === undefined ? ['trackCustom', event.name, params, dedup] : ['track', name, params, dedup]];
};
