import { commerceOf, defined } from './commerce';
import type { HashedUser } from '../../core/src/types';
import { eventName } from './eventName';
import { hashedFields } from './hashedFields';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

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
  /** Limited Data Use, passed to `ttq.load` as `limited_data_use` (PLATFORMS.md §2). */
  limitedDataUse?: boolean;
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

/** The methods of TikTok's stub: each queues `[name, ...args]` onto the `ttq` array (PLATFORMS.md §2). */
const TTQ_METHODS = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];

type Queue = unknown[] & { [method: string]: unknown };
type Ttq = Queue & {
  methods: string[];
  setAndDefer: (target: Queue, method: string) => void;
  instance: (id: string) => Queue;
  load: (id: string, options?: object) => void;
  _i: { [id: string]: Queue };
  _t: { [id: string]: number };
  _o: { [id: string]: object };
};

/**
 * Installs TikTok's official `ttq` stub on `win`: the array is the queue
 * events.js drains, and each method pushes `[name, ...args]` onto it (an
 * fbq-shaped stub is never drained). `ttq.load` records the pixel as TikTok's
 * snippet does but inserts no script: the caller loads `TIKTOK_SCRIPT`. A
 * `ttq` already on the page is left alone.
 */
export function installTiktokStub(win: Window, _options?: MapOptions, now: () => number = Date.now): void {
  const w = win as unknown as { ttq?: Ttq; TiktokAnalyticsObject?: string };
  if (w.ttq) return;
  const ttq = [] as unknown as Ttq;
  ttq.methods = TTQ_METHODS;
  ttq.setAndDefer = (target, method) => {
    target[method] = (...args: unknown[]) => {
      target.push([method, ...args]);
    };
  };
  for (const method of TTQ_METHODS) ttq.setAndDefer(ttq, method);
  ttq._i = {};
  ttq._t = {};
  ttq._o = {};
  ttq.instance = (id) => {
    const queue = ttq._i[id] || ([] as unknown as Queue);
    for (const method of TTQ_METHODS) ttq.setAndDefer(queue, method);
    return queue;
  };
  ttq.load = (id, options) => {
    const queue = [] as unknown as Queue;
    queue._u = 'https://analytics.tiktok.com/i18n/pixel/events.js';
    ttq._i[id] = queue;
    ttq._t[id] = now();
    ttq._o[id] = options || {};
  };
  w.TiktokAnalyticsObject = 'ttq';
  w.ttq = ttq;
}

/** The TikTok Pixel script for the pixel id. */
export const TIKTOK_SCRIPT = (options: MapOptions): string =>
  `https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=${encodeURIComponent(options.id || '')}&lib=ttq`;

// TikTok hashes the phone in E.164 with its `+` (PLATFORMS.md §2).
const TIKTOK_USER = { email: 'em', phone_number: 'ph_e164', external_id: 'external_id' } as const;

/**
 * The calls that start the pixel, in order: `ttq.load(id)`, then
 * `ttq.identify` with the hashed user (as `tiktokIdentify`), written
 * `[method, ...args]` as in `mapTiktok`. No `holdConsent`: its place is
 * before `load`, and only for a pixel loaded before the visitor decides,
 * which tagrelay never does.
 *
 * @example tiktokInit({ id: 'C123' }) // [['load', 'C123']]
 */
export const tiktokInit = (options: TiktokOptions, user: HashedUser = {}): VendorCall[] =>
  options.id
    ? [options.limitedDataUse ? ['load', options.id, { limited_data_use: true }] : ['load', options.id], ...tiktokIdentify(options, user)]
    : [];

/**
 * `ttq.identify` with the hashed user (64-hex values only, the phone in
 * E.164 with `+`). None without a pixel id or a usable value.
 *
 * @example tiktokIdentify({ id: 'C123' }, { em: 'a3…' }) // [['identify', { email: 'a3…' }]]
 */
export function tiktokIdentify(options: MapOptions, user: HashedUser): VendorCall[] {
  const identity = hashedFields(user, TIKTOK_USER);
  return options.id && Object.keys(identity).length ? [['identify', identity]] : [];
}

/**
 * TikTok's own consent switch, for every change (COMPLIANCE.md 6):
 * `ttq.grantConsent()` or `ttq.revokeConsent()`.
 *
 * @example tiktokConsent(false, {}) // [['revokeConsent']]
 */
export const tiktokConsent = (granted: boolean, _options: MapOptions): VendorCall[] => [[granted ? 'grantConsent' : 'revokeConsent']];

/** TikTok's shim, the chunk's export for the pixel router: calls are methods of the `ttq` object. */
export const tiktok: Platform = {
  global: 'ttq',
  methods: true,
  instance: true,
  stub: installTiktokStub,
  script: TIKTOK_SCRIPT,
  consent: tiktokConsent,
  init: tiktokInit,
  identify: tiktokIdentify,
  map: mapTiktok,
};
