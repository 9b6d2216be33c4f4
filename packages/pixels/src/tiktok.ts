import { commerceOf, defined } from './commerce';
import { eventName } from './eventName';
import type { MapOptions, PixelMapping } from './types';

/** TikTok's standard events for the canonical GA4 names (PLATFORMS.md §6); purchase is renamed through `options.events`. */
export const TIKTOK_EVENTS: { [canonical: string]: string } = {
  page_view: 'Pageview',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_cart: 'AddToCart',
  add_to_wishlist: 'AddToWishlist',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  // Newer guidance; older setups optimise on CompletePayment or PlaceAnOrder (`events: { purchase: 'CompletePayment' }`).
  purchase: 'Purchase',
  generate_lead: 'Lead',
  sign_up: 'CompleteRegistration',
};

/** TikTok's mapping options: how a page view is sent. */
export type TiktokOptions = MapOptions & {
  /**
   * `'track'` (default): `ttq.track('Pageview', {}, { event_id })`, which carries the event id so an
   * Events API page view with the same id is deduplicated. `'page'`: the documented `ttq.page()`, which
   * takes no event id, so page views must then not also be sent through the Events API (they would count twice).
   */
  pageView?: 'track' | 'page';
};

/**
 * Canonical event → `ttq` calls. `ttq` is an object, not a function, so a
 * call is written `[method, ...args]` — `['track', 'Purchase', {…}, { event_id }]`
 * stands for `ttq.track('Purchase', {…}, { event_id })`, the very entry the
 * `ttq` array queue holds (PLATFORMS.md §2). Every track call carries the
 * event id; custom events are `track` calls under the site's own name.
 *
 * @example mapTiktok({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'PLN' } }, {}) // [['track', 'Purchase', { value: 99.5, currency: 'PLN' }, { event_id: 'e1' }]]
 */
export const mapTiktok: PixelMapping = (event, options: TiktokOptions) => {
  const name = eventName(event.name, TIKTOK_EVENTS, options);
  if (name === false || (name === undefined && options.unknown == 'skip')) return [];
  const dedup = { event_id: event.id };
  if (name == 'Pageview') return [options.pageView == 'page' ? ['page'] : ['track', 'Pageview', {}, dedup]];
  const c = commerceOf(event.params);
  const props = defined({
    contents: c.lines.length
      ? c.lines.map((l) => defined({ content_id: l.id, content_type: 'product', content_name: l.name, price: l.price, quantity: l.quantity }))
      : undefined,
    content_type: c.lines.length ? 'product' : undefined,
    currency: c.currency,
    value: c.value,
    query: c.query,
    order_id: c.orderId,
  });
  return [['track', name ?? event.name, props, dedup]];
};
