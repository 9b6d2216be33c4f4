import { commerceOf, defined } from './commerce';
import { conversionOf } from './conversionOf';
import type { PixelMapping } from './types';

/** X has no standard events: the site maps events to event ids `tw-<pixel>-<event>` in `options.conversions` (PLATFORMS.md §5, §6). */
export const X_EVENTS: { [canonical: string]: string } = {};

/**
 * Canonical event → `twq` calls: one event per event that has an X event id
 * configured (given whole), the event id as `conversion_id` for deduplication;
 * any other event is skipped.
 *
 * @example mapX({ id: 'e1', name: 'purchase', params: { value: 10, currency: 'eur' } }, { conversions: { purchase: 'tw-o8z2x-o8z7w' } }) // [['event', 'tw-o8z2x-o8z7w', { value: 10, currency: 'EUR', conversion_id: 'e1' }]]
 */
export const mapX: PixelMapping = (event, options) => {
  const xEvent = conversionOf(event.name, options);
  if (typeof xEvent != 'string' || !xEvent) return [];
  const c = commerceOf(event.params);
  const params = defined({
    value: c.value,
    currency: c.currency,
    conversion_id: event.id,
    contents: c.lines.length
      ? c.lines.map((l) => defined({ content_id: l.id, content_name: l.name, content_price: l.price, num_items: l.quantity }))
      : undefined,
    search_string: c.query,
  });
  return [['event', xEvent, params]];
};
