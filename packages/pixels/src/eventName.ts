import type { MapOptions } from './types';

/**
 * The platform's name for a canonical event: the site's override first
 * (`false`: never sent), then the platform's standard map. `undefined` when
 * the platform has no name for it (custom event or skipped, by `unknown`).
 */
export function eventName(canonical: string, standard: { [canonical: string]: string }, options: MapOptions): string | false | undefined {
  const own = options.events?.[canonical];
  if (own !== undefined) return own;
  return Object.prototype.hasOwnProperty.call(standard, canonical) ? standard[canonical] : undefined;
}
