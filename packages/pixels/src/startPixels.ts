import type { Config, FinishHook, Tracker } from '../../core/src/createTracker';
import type { ClickIds, HashedUser } from '../../core/src/types';
import { allowedVendors, modeOf } from './allowedVendors';
import { loadScript } from './loadScript';
import { platformIds } from './platformIds';
import type { MapOptions, Platform, VendorCall } from './types';

// The mapping helpers every platform uses, in this chunk (loaded before any platform's), so that
// each platform's chunk holds only its own data and calls.
export { commerceOf, defined } from './commerce';
export { conversionOf } from './conversionOf';
export { eventName } from './eventName';
export { hashedFields } from './hashedFields';

/** One chunk per platform, loaded only once the visitor allows that vendor. */
export type PlatformChunks = { [vendor: string]: () => Promise<Platform> };

const chunks: PlatformChunks = {
  meta: () => import('./meta').then((m) => m.meta),
  tiktok: () => import('./tiktok').then((m) => m.tiktok),
  linkedin: () => import('./linkedin').then((m) => m.linkedin),
  google: () => import('./google').then((m) => m.google),
  pinterest: () => import('./pinterest').then((m) => m.pinterest),
  snap: () => import('./snap').then((m) => m.snap),
  x: () => import('./x').then((m) => m.x),
  reddit: () => import('./reddit').then((m) => m.reddit),
};

/** A vendor started on this page. */
type Running = {
  /** Its chunk; undefined when it failed to load. Loading it has no effect on the page. */
  ready: Promise<Platform | undefined>;
  /** Allowed by the decision in force: it may be booted and get events. */
  on: boolean;
  /** Its stub, consent switch and script are on the page (only ever while allowed). */
  booted?: boolean;
  /** Its script or a call failed: reported once, nothing more is sent. */
  failed?: boolean;
  /** The hashed user it was told, as JSON; undefined before its `init`. */
  user?: string;
};

/**
 * The pixels router, loaded with the consent manager when `pixels` is set:
 * starts each platform the visitor allows (its chunk, the vendor's stub and
 * consent switch, then its script, with the page's nonce) and returns the
 * tracker's finish hook, which hands every finished event to the running
 * pixels — the same id the endpoint receives — and writes on it what the
 * server path needs: the vendors allowed with their mode, and the click ids.
 * A vendor that fails (blocked script, throwing call) is reported once and
 * never holds up the others or the events.
 *
 * @example tracker._wait(import('./startPixels').then((m) => m.startPixels(tracker, config, nonce)))
 */
export function startPixels(tracker: Tracker, config: Config, nonce?: string, load = chunks, win: Window = window): FinishHook {
  const pixels = config.pixels || {};
  const endpoint = config.endpoint;
  const report = tracker._report;
  const running: { [vendor: string]: Running } = {};
  const gcm = config.consent?.googleConsentMode;
  // Google's stub and script use Consent Mode's data layer.
  const layer = typeof gcm == 'object' ? gcm.dataLayer : undefined;
  const options = (vendor: string) => ({ dataLayer: layer, ...pixels[vendor] }) as MapOptions & { script?: string };
  const domain = config.consent?.cookieDomain;
  const warn = (message: string, vendor?: string) => report({ code: 'pixel_failed', message, vendor, level: 'warn' });

  const fail = (vendor: string, r: Running, message: string) => {
    if (!r.failed) warn(`${vendor}: ${message}`, vendor);
    r.failed = true;
  };
  type Global = { (...a: unknown[]): void; [method: string]: (...a: unknown[]) => void };
  /** Issues calls on the vendor's global, or with `own` on this pixel's instance where the platform has them (TikTok). */
  const send = (vendor: string, r: Running, p: Platform, calls: VendorCall[], own?: boolean) => {
    const global = (win as unknown as { [name: string]: Global })[p.global]!;
    for (const c of calls) {
      try {
        const g = own && p.instance ? (global.instance as unknown as (id: unknown) => Global)(pixels[vendor]!.id) : global;
        if (p.methods) g[c[0] as string]!(...c.slice(1));
        else g(...c);
      } catch (e) {
        fail(vendor, r, `the ${p.global} call threw: ${(e as Error)?.message}`);
      }
    }
  };

  /**
   * Runs `fn` with the vendor's platform once its chunk is there, if the vendor is still
   * allowed then: the first time, the stub, the consent switch and the script go on the page.
   */
  const use = (vendor: string, r: Running, fn: (p: Platform, o: MapOptions) => void) =>
    r.ready
      .then((p) => {
        if (!p || !r.on || r.failed) return;
        const o = options(vendor);
        if (!r.booted) {
          r.booted = true;
          p.stub(win, o);
          send(vendor, r, p, p.consent(true, o));
          loadScript(o.script || p.script(o), { nonce }, win.document).then((ok) => ok || fail(vendor, r, 'its script did not load (blocked?)'));
        }
        fn(p, o);
      })
      // A stub or mapping that throws (the page's own global in the way): that vendor stops, reported.
      .catch((e) => fail(vendor, r, String(e)));

  /** The last answer of `idsFor`, and what it was worked out from. */
  let last: { key: string; ids: ClickIds } | undefined;
  /** Ids of the landing URL and the first-party cookies, for the vendors allowed; none without marketing. */
  const idsFor = (marketing: boolean, allowed: string[], url?: string) => {
    try {
      // Without marketing, an empty list: ids of withdrawn vendors leave tagrelay's cookie.
      const list = marketing ? allowed : [];
      // A burst of events on one page asks the same question: parsing the cookies once is enough.
      const key = [list, url, win.document.cookie].join('\n');
      if (last?.key != key) last = { key, ids: platformIds(list, { domain, url }, win.document) };
      return { ...last.ids };
    } catch (e) {
      warn(`click ids: ${String(e)}`);
      return {};
    }
  };

  /** Starts the vendors the decision in force allows and pauses the others. */
  const apply = () => {
    const decision = tracker.consent.get();
    const { client, server } = allowedVendors(pixels, endpoint, decision);
    idsFor(!!decision?.c.marketing, [...client, ...server]);
    for (const vendor of Object.keys(pixels)) {
      const on = client.includes(vendor);
      let r = running[vendor];
      if (r) r.on = on;
      else if (on && load[vendor]) {
        if (!pixels[vendor]?.id) {
          report({ code: 'pixel_id_missing', message: `pixels.${vendor}: no id, the pixel is not loaded`, vendor });
          continue;
        }
        r = running[vendor] = {
          on,
          ready: load[vendor]!().catch((e) => {
            // Asked for again on the next decision.
            delete running[vendor];
            warn(`${vendor}: ${String(e)}`, vendor);
            return undefined;
          }),
        };
      }
      // A vendor allowed (again) before any event comes: its script starts now.
      if (r && on) use(vendor, r, () => {});
    }
  };
  apply();
  tracker.on('consent', apply);

  return (e) => {
    try {
      const { client, server } = allowedVendors(pixels, endpoint, tracker.consent.get());
      if (e.consent.marketing) {
        const vendors: NonNullable<typeof e.vendors> = {};
        for (const v of new Set([...client, ...server])) vendors[v] = modeOf(pixels[v], endpoint);
        if (Object.keys(vendors).length) e.vendors = vendors;
        // Read per event: an SPA may drop the click id from its URL, vendor scripts set their ids later.
        const click = idsFor(true, Object.keys(vendors), e.page.url);
        if (Object.keys(click).length) e.click = click;
      }
      const user: HashedUser | undefined = e.user;
      const known = JSON.stringify(user || {});
      for (const vendor of client) {
        const r = running[vendor];
        if (r)
          use(vendor, r, (p, o) => {
            if (r.user === undefined) send(vendor, r, p, p.init(o, user));
            else if (user && known != r.user) send(vendor, r, p, p.identify(o, user));
            r.user = known;
            send(vendor, r, p, p.map(e, o), true);
          });
      }
    } catch (err) {
      warn(String(err));
    }
  };
}
