import { commerceOf, defined } from './commerce';
import type { HashedUser } from '../../core/src/types';
import { eventName } from './eventName';
import { hashedFields } from './hashedFields';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

/** Meta's standard events for the canonical GA4 names (PLATFORMS.md §6). */
export const META_EVENTS: { [canonical: string]: string } = {
  page_view: 'PageView',
  view_item: 'ViewContent',
  view_item_list: 'ViewContent',
  search: 'Search',
  add_to_cart: 'AddToCart',
  add_to_wishlist: 'AddToWishlist',
  begin_checkout: 'InitiateCheckout',
  add_payment_info: 'AddPaymentInfo',
  purchase: 'Purchase',
  generate_lead: 'Lead',
  sign_up: 'CompleteRegistration',
};

/**
 * Canonical event → `fbq` calls. The event id is the 4th argument on every
 * call, PageView included, so the pixel and the Conversions API deduplicate;
 * `value` is a number and `content_type` a string (PLATFORMS.md §1, §6).
 *
 * @example mapMeta({ id: 'e1', name: 'purchase', params: { value: 99.5, currency: 'PLN' } }, {}) // [['track', 'Purchase', { value: 99.5, currency: 'PLN' }, { eventID: 'e1' }]]
 */
export const mapMeta: PixelMapping = (event, options) => {
  const name = eventName(event.name, META_EVENTS, options);
  if (name === false || (name === undefined && options.unknown == 'skip')) return [];
  const dedup = { eventID: event.id };
  // With the pixel id, only that pixel counts the event, not other pixels the site's own code
  // initialised on the page (PLATFORMS.md §1: trackSingle).
  const id = options.id;
  const call = (custom: boolean, ev: string, params: object): VendorCall =>
    id ? [custom ? 'trackSingleCustom' : 'trackSingle', id, ev, params, dedup] : [custom ? 'trackCustom' : 'track', ev, params, dedup];
  if (name == 'PageView') return [call(false, 'PageView', {})];
  const c = commerceOf(event.params);
  const params = defined({
    value: c.value,
    currency: c.currency,
    content_ids: c.lines.length ? c.lines.map((l) => l.id) : undefined,
    contents: c.lines.length ? c.lines.map((l) => defined({ id: l.id, quantity: l.quantity, item_price: l.price })) : undefined,
    // A list view is a product group; a string either way, never an array.
    content_type: c.lines.length ? (event.name == 'view_item_list' ? 'product_group' : 'product') : undefined,
    content_name: c.lines.length == 1 ? c.lines[0]!.name : undefined,
    num_items: event.name == 'purchase' || event.name == 'begin_checkout' ? c.quantity || undefined : undefined,
    order_id: c.orderId,
    search_string: c.query,
  });
  return [name === undefined ? call(true, event.name, params) : call(false, name, params)];
};

/** Meta's options: Limited Data Use (PLATFORMS.md §1). */
export type MetaOptions = MapOptions & {
  /** `true`: LDU with Meta geolocating the visitor; `[country, state]`: LDU for that place (`[1, 1000]` is California). */
  ldu?: true | [country: number, state: number];
};

type Fbq = ((...args: unknown[]) => void) & {
  callMethod?: (...args: unknown[]) => void;
  queue: IArguments[];
  push: Fbq;
  loaded: boolean;
  version: string;
  disablePushState?: boolean;
};

/**
 * Installs Meta's official `fbq` stub on `win`: calls wait in `fbq.queue`
 * until fbevents.js drains it. A `fbq` already on the page (the site's own
 * tag, or an earlier install) is left alone.
 */
export function installMetaStub(win: Window): void {
  const w = win as unknown as { fbq?: Fbq; _fbq?: Fbq };
  if (w.fbq) return;
  const fbq = function () {
    // fbevents.js replays each queued Arguments object through callMethod, which it defines once loaded.
    if (fbq.callMethod) fbq.callMethod.apply(fbq, arguments as unknown as unknown[]);
    else fbq.queue.push(arguments);
  } as Fbq;
  fbq.push = fbq;
  fbq.loaded = true;
  fbq.version = '2.0';
  // fbevents.js would send its own PageView, without an event id, on every pushState of an SPA:
  // tagrelay sends page views itself, with the id the server path deduplicates on.
  fbq.disablePushState = true;
  fbq.queue = [];
  w.fbq = fbq;
  if (!w._fbq) w._fbq = fbq;
}

/** The Meta Pixel script. */
export const META_SCRIPT = (_options: MapOptions): string => 'https://connect.facebook.net/en_US/fbevents.js';

// Meta's advanced matching fields are the hashed user's own; the phone without `+` (PLATFORMS.md §1).
const META_USER = { em: 'em', ph: 'ph', fn: 'fn', ln: 'ln', ge: 'ge', db: 'db', ct: 'ct', st: 'st', zp: 'zp', country: 'country', external_id: 'external_id' } as const;

/**
 * The calls that start the pixel, in order: no automatic event setup, Limited
 * Data Use when configured, then `init` with advanced matching from the
 * hashed user (as `metaIdentify`). Issue `metaConsent` before these.
 *
 * @example metaInit({ id: '123' }) // [['set', 'autoConfig', false, '123'], ['init', '123']]
 */
export function metaInit(options: MetaOptions, user: HashedUser = {}): VendorCall[] {
  const id = options.id;
  if (!id) return [];
  const calls: VendorCall[] = [['set', 'autoConfig', false, id]];
  const ldu = options.ldu;
  if (ldu) calls.push(['dataProcessingOptions', ['LDU'], ...(ldu === true ? [0, 0] : ldu)]);
  const identify = metaIdentify(options, user);
  calls.push(...(identify.length ? identify : [['init', id]]));
  return calls;
}

/**
 * The hashed user learnt after the pixel started (64-hex values only, the
 * phone without `+`): Meta takes advanced matching only through `init`, so
 * `init` is issued again with it, as Meta's own Tag Manager template does since
 * its 2.0.7 (fbevents.js logs "Duplicate Pixel ID" for it in the console).
 * None without a pixel id or a usable value.
 *
 * @example metaIdentify({ id: '123' }, { em: 'a3…' }) // [['init', '123', { em: 'a3…' }]]
 */
export function metaIdentify(options: MapOptions, user: HashedUser): VendorCall[] {
  const matching = hashedFields(user, META_USER);
  return options.id && Object.keys(matching).length ? [['init', options.id, matching]] : [];
}

/**
 * Meta's own consent switch, for every change (COMPLIANCE.md 6): `grant`, or
 * `revoke`, which stops the pixel sending. Issued before `metaInit` on each page too.
 *
 * @example metaConsent(false, {}) // [['consent', 'revoke']]
 */
export const metaConsent = (granted: boolean, _options: MapOptions): VendorCall[] => [['consent', granted ? 'grant' : 'revoke']];

/** Meta's shim, the chunk's export for the pixel router. */
export const meta: Platform = {
  global: 'fbq',
  stub: installMetaStub,
  script: META_SCRIPT,
  consent: metaConsent,
  init: metaInit,
  identify: metaIdentify,
  map: mapMeta,
};
