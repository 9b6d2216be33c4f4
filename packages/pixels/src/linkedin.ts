import { conversionOf } from './conversionOf';
import type { HashedUser } from '../../core/src/types';
import type { MapOptions, PixelMapping, Platform, VendorCall } from './types';

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

type Lintrk = ((name: unknown, data: unknown) => void) & { q: unknown[][] };

/**
 * Installs LinkedIn's official Insight Tag stub on `win`: `lintrk(a, b)`
 * queues `[a, b]` on `lintrk.q`. The partner id (`options.id`) is how the tag
 * starts, as the globals the script reads: `_linkedin_partner_id` (a site's
 * own is kept) and `_linkedin_data_partner_ids` (the id added once). A
 * `lintrk` already on the page is left alone.
 */
export function installLinkedInStub(win: Window, options: MapOptions = {}): void {
  const w = win as unknown as { lintrk?: Lintrk; _linkedin_partner_id?: string; _linkedin_data_partner_ids?: string[] };
  const id = options.id;
  if (id) {
    if (!w._linkedin_partner_id) w._linkedin_partner_id = id;
    const ids = (w._linkedin_data_partner_ids = w._linkedin_data_partner_ids || []);
    if (!ids.includes(id)) ids.push(id);
  }
  if (w.lintrk) return;
  const lintrk = ((name, data) => {
    lintrk.q.push([name, data]);
  }) as Lintrk;
  lintrk.q = [];
  w.lintrk = lintrk;
}

/** The LinkedIn Insight Tag script. */
export const LINKEDIN_SCRIPT = (_options: MapOptions): string => 'https://snap.licdn.com/li.lms-analytics/insight.min.js';

/**
 * No calls: the Insight Tag starts from the partner id globals set by
 * `installLinkedInStub`, and takes no hashed user data in the browser.
 */
export const linkedInInit = (_options: MapOptions, _user?: HashedUser): VendorCall[] => [];

/** No calls: the Insight Tag takes no user data in the browser (hashed emails go through the Conversions API). */
export const linkedInIdentify = (_options: MapOptions, _user: HashedUser): VendorCall[] => [];

/**
 * No calls: the Insight Tag has no consent switch, so consent gates loading
 * its script, and a withdrawal stops tagrelay sending to `lintrk`.
 */
export const linkedInConsent = (_granted: boolean, _options: MapOptions): VendorCall[] => [];

/** LinkedIn's shim, the chunk's export for the pixel router: its stub sets the partner id globals. */
export const linkedin: Platform = {
  global: 'lintrk',
  stub: installLinkedInStub,
  script: LINKEDIN_SCRIPT,
  consent: linkedInConsent,
  init: linkedInInit,
  identify: linkedInIdentify,
  map: mapLinkedIn,
};
