import { eventName } from './eventName';
import type { MapOptions } from './types';

/**
 * The conversion configured for an event in `options.conversions`, keyed by the
 * canonical name it goes as (the site's rename in `options.events` first);
 * `undefined` when none is configured or the event is turned off.
 *
 * @example conversionOf('quote_requested', { events: { quote_requested: 'generate_lead' }, conversions: { generate_lead: 123 } }) // 123
 */
export function conversionOf(canonical: string, options: MapOptions): string | number | undefined {
  const name = eventName(canonical, {}, options);
  if (name === false) return undefined;
  const key = name ?? canonical;
  const conversions = options.conversions;
  // Own keys only: an event named "constructor" must not find Object.prototype's.
  return conversions && Object.prototype.hasOwnProperty.call(conversions, key) ? conversions[key] : undefined;
}
