import { gtagPush } from '../../consent-ui/src/consentSignals';
import type { HashedUser } from '../../core/src/types';
import { commerceOf, defined } from './commerce';
import { conversionOf } from './conversionOf';
import { eventName } from './eventName';
import { hashedFields } from './hashedFields';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

/** GA4's recommended events for the canonical names, which are GA4's own (PLATFORMS.md §6). */
export const GOOGLE_EVENTS: { [canonical: string]: string } = {
  page_view: 'page_view',
  view_item: 'view_item',
  view_item_list: 'view_item_list',
  search: 'search',
  add_to_cart: 'add_to_cart',
  add_to_wishlist: 'add_to_wishlist',
  begin_checkout: 'begin_checkout',
  add_payment_info: 'add_payment_info',
  purchase: 'purchase',
  generate_lead: 'generate_lead',
  sign_up: 'sign_up',
};

// GA4 drops events whose names break its rules (PLATFORMS.md §4), so such custom events are not sent.
const GA4_NAME = /^(?!(firebase_|ga_|google_)|(first_visit|session_start|user_engagement)$)[A-Za-z]\w{0,39}$/;

/**
 * Canonical event → `gtag` calls: the GA4 event with GA4 params (`send_to` is
 * `options.id` when set), then a Google Ads conversion when `options.conversions`
 * names one for the event (`{ purchase: 'AW-123/abcDEF' }`).
 *
 * @example mapGoogle({ id: 'e1', name: 'page_view', params: {} }, {}) // [['event', 'page_view', { event_id: 'e1' }]]
 */
export const mapGoogle: PixelMapping = (event, options) => {
  const name = eventName(event.name, GOOGLE_EVENTS, options);
  if (name === false) return [];
  const calls: VendorCall[] = [];
  const c = commerceOf(event.params);
  const ga4 = name ?? (options.unknown == 'skip' ? undefined : event.name);
  if (ga4 && GA4_NAME.test(ga4)) {
    const params = defined({
      transaction_id: c.orderId,
      value: c.value,
      currency: c.currency,
      items: c.lines.length
        ? c.lines.map((l) => defined({ item_id: l.id, item_name: l.name, price: l.price, quantity: l.quantity, item_category: l.category }))
        : undefined,
      search_term: c.query,
      // GA4 has no deduplication field: the id goes as the custom parameter event_id, to match server-side events.
      event_id: event.id,
      send_to: options.id,
    });
    calls.push(['event', ga4, params]);
  }
  const sendTo = conversionOf(event.name, options);
  if (typeof sendTo == 'string' && sendTo) {
    // transaction_id is Google Ads' deduplication key: the order id, so a reloaded thank-you page
    // counts once (the server path keys on it too); the event id where there is no order.
    calls.push(['event', 'conversion', defined({ send_to: sendTo, value: c.value, currency: c.currency, transaction_id: c.orderId || event.id })]);
  }
  return calls;
};

/**
 * Installs Google's official `gtag` stub on `win`: `gtag(...)` pushes its
 * Arguments object onto the data layer (`options.dataLayer`, default
 * `dataLayer`), then `gtag('js', new Date())` as the snippet does. A `gtag`
 * already on the page (whose snippet sent its own `js`) is left alone, and an
 * existing data layer is kept.
 */
export function installGoogleStub(win: Window, options: MapOptions = {}, now: () => Date = () => new Date()): void {
  const w = win as unknown as { gtag?: (...args: unknown[]) => void };
  if (w.gtag) return;
  w.gtag = gtagPush(win, options.dataLayer);
  w.gtag('js', now());
}

/** Google's gtag.js for the tag id; `l` names another data layer, which gtag.js then reads. */
export const GOOGLE_SCRIPT = (options: MapOptions): string => {
  const layer = options.dataLayer || 'dataLayer';
  return `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(options.id || '')}${layer == 'dataLayer' ? '' : `&l=${encodeURIComponent(layer)}`}`;
};

// Enhanced conversions take the phone in E.164 with its `+`. City, region, postal code and country
// are left out: Google wants them unhashed, and tagrelay holds only hashes (PLATFORMS.md §4).
const GOOGLE_USER = { sha256_email_address: 'em', sha256_phone_number: 'ph_e164' } as const;
const GOOGLE_ADDRESS = { sha256_first_name: 'fn', sha256_last_name: 'ln' } as const;

/**
 * The calls that start the tag, in order: `config` without the automatic page
 * view (tagrelay sends page views itself, with the event id), then the
 * hashed user (as `googleIdentify`). Consent Mode is the consent manager's,
 * before any of these.
 *
 * @example googleInit({ id: 'G-ABC123' }) // [['config', 'G-ABC123', { send_page_view: false }]]
 */
export const googleInit = (options: MapOptions, user: HashedUser = {}): VendorCall[] =>
  options.id ? [['config', options.id, { send_page_view: false }], ...googleIdentify(options, user)] : [];

/**
 * The hashed user as enhanced conversions `user_data` (64-hex values only,
 * the phone in E.164 with `+`). None without a tag id or a usable value.
 *
 * @example googleIdentify({ id: 'G-ABC123' }, { em: 'a3…' }) // [['set', 'user_data', { sha256_email_address: 'a3…' }]]
 */
export function googleIdentify(options: MapOptions, user: HashedUser): VendorCall[] {
  const userData: { [field: string]: unknown } = hashedFields(user, GOOGLE_USER);
  const address = hashedFields(user, GOOGLE_ADDRESS);
  if (Object.keys(address).length) userData.address = address;
  return options.id && Object.keys(userData).length ? [['set', 'user_data', userData]] : [];
}

/** No calls: Google's consent switch is Consent Mode, which the consent manager updates on every change. */
export const googleConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** Google's shim, the chunk's export for the pixel router. */
export const google: Platform = {
  global: 'gtag',
  stub: installGoogleStub,
  script: GOOGLE_SCRIPT,
  consent: googleConsent,
  init: googleInit,
  identify: googleIdentify,
  map: mapGoogle,
};
