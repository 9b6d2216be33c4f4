import type { Params, WireEvent } from '../../core/src/types';

/** An event as a shim gets it: the id every pixel call carries for deduplication, the canonical name, the params. */
export type PixelEvent = Pick<WireEvent, 'id' | 'name' | 'params'>;

/** One call of the vendor's own function, arguments in order: `fbq('track', 'Purchase', {…}, { eventID })`. */
export type VendorCall = unknown[];

/** Per-site mapping options of one platform, from `pixels.<platform>` in the config. */
export type MapOptions = {
  /**
   * Canonical name → the platform's event name (`{ purchase: 'CompletePayment' }`), also for the
   * site's own events; `false` never sends that event to this platform.
   */
  events?: { [canonical: string]: string | false };
  /** Events with no mapping: sent as the platform's custom event (default) or skipped. */
  unknown?: 'custom' | 'skip';
  /** Conversion ids per canonical event, for platforms without standard events (LinkedIn, X). */
  conversions?: { [canonical: string]: string | number };
  /** The pixel or partner id. */
  id?: string;
};

/**
 * A platform's event mapping: pure data in, the vendor calls out (table-tested
 * against PLATFORMS.md §6). An empty list sends nothing.
 */
export type PixelMapping = (event: PixelEvent, options: MapOptions) => VendorCall[];

export type { Params };
