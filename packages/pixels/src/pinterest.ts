import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { PixelMapping } from './types';

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
