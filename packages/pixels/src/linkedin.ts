import { conversionOf } from './conversionOf';
import type { PixelMapping } from './types';

/** LinkedIn has no standard events: the site maps events to conversion rule ids in `options.conversions` (PLATFORMS.md §3, §6). */
export const LINKEDIN_EVENTS: { [canonical: string]: string } = {};

/**
 * Canonical event → `lintrk` calls: one conversion per event that has a numeric
 * conversion rule id configured, with the event id for deduplication with the
 * Conversions API; any other event is skipped.
 *
 * @example mapLinkedIn({ id: 'e1', name: 'purchase', params: {} }, { conversions: { purchase: 123 } }) // [['track', { conversion_id: 123, event_id: 'e1' }]]
 */
export const mapLinkedIn: PixelMapping = (event, options) => {
  const conversionId = Number(conversionOf(event.name, options));
  return Number.isInteger(conversionId) && conversionId > 0 ? [['track', { conversion_id: conversionId, event_id: event.id }]] : [];
};
