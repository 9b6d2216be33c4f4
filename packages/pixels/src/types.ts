import type { HashedUser, Params, WireEvent } from '../../core/src/types';

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
  /** The data layer's name, from Consent Mode's options: Google's stub and script use it. */
  dataLayer?: string;
};

/**
 * A platform's event mapping: pure data in, the vendor calls out (table-tested
 * against PLATFORMS.md §6). An empty list sends nothing.
 */
export type PixelMapping = (event: PixelEvent, options: MapOptions) => VendorCall[];

export type { Params };

/**
 * A platform's shim, the one export of its chunk (`meta.ts` → `meta`): what
 * the pixel router needs to run that vendor in the browser.
 */
export type Platform = {
  /** The vendor's global (`fbq`, `ttq`, ...). */
  global: string;
  /** Calls are `[method, ...args]` on the global object (TikTok's `ttq`) rather than the global function's arguments. */
  methods?: true;
  /**
   * Events go to this pixel's own instance (`ttq.instance(id).track(…)`), so other pixels of the
   * vendor that the site's own code loaded do not count them again.
   */
  instance?: true;
  /** Installs the vendor's official stub unless one is on the page already. */
  stub(win: Window, options: MapOptions): void;
  /** The vendor script's URL. */
  script(options: MapOptions): string;
  /** The consent switch: issued when the pixel starts (granted), before `init`. */
  consent(granted: boolean, options: MapOptions): VendorCall[];
  /** Calls that start the pixel, with the hashed user known then. */
  init(options: MapOptions, user?: HashedUser): VendorCall[];
  /** Calls telling a started pixel the hashed user learnt (or changed) later; none when it takes no user data. */
  identify(options: MapOptions, user: HashedUser): VendorCall[];
  /** Canonical event → the vendor's calls. */
  map: PixelMapping;
};
