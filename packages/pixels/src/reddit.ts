import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { PixelMapping } from './types';

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
