import { commerceOf, defined } from './commerce';
import { conversionOf } from './conversionOf';
import type { HashedUser } from '../../core/src/types';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

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

/** The `twq` global as X's base code shapes it: calls queue as Arguments objects until uwt.js sets `exe`. */
export type Twq = ((...args: unknown[]) => void) & { queue: IArguments[]; version: string; exe?: (...args: unknown[]) => void };

/**
 * Installs X's official `twq` stub (exe or queue, version 1.1), unless a
 * `twq` is already there: the site's own tag or an earlier install keeps its
 * queue and keeps working.
 */
export function installXStub(win: Window): void {
  const w = win as Window & { twq?: Twq };
  if (w.twq) return;
  // A function expression, not an arrow: X's script drains the queued Arguments objects as they are.
  const twq = function () {
    if (twq.exe) twq.exe(...arguments);
    else twq.queue.push(arguments);
  } as Twq;
  twq.version = '1.1';
  twq.queue = [];
  w.twq = twq;
}

/** X's website tag script. */
export const X_SCRIPT = (_options: MapOptions): string => 'https://static.ads-twitter.com/uwt.js';

/**
 * The call that starts the tag: `config` with the pixel id. No advanced
 * matching: X documents no pre-hashed email for the tag (its event
 * `email_address` is a plain address the tag hashes), and tagrelay never
 * holds plain values in the browser.
 *
 * @example xInit({ id: 'o8z2x' }) // [['config', 'o8z2x']]
 */
export const xInit = (options: MapOptions, _user?: HashedUser): VendorCall[] => (options.id ? [['config', options.id]] : []);

/** No calls: the tag takes no hashed user data (see `xInit`). */
export const xIdentify = (_options: MapOptions, _user: HashedUser): VendorCall[] => [];

/**
 * X documents no grant/revoke call: consent gates the loading of its script,
 * and a revoke stops the calls routed to it.
 */
export const xConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** X's shim, the chunk's export for the pixel router. */
export const x: Platform = {
  global: 'twq',
  stub: installXStub,
  script: X_SCRIPT,
  consent: xConsent,
  init: xInit,
  identify: xIdentify,
  map: mapX,
};
