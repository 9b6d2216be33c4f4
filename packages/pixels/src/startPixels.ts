import type { Config, FinishHook, Tracker } from '../../core/src/createTracker';
import type { HashedUser } from '../../core/src/types';
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
  /** The platform once its chunk ran (stub, consent switch, script requested); undefined when the chunk failed. */
  ready: Promise<Platform | undefined>;
  /** Allowed by the decision in force: events go to it. */
  on: boolean;
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
  const options = (vendor: string) => pixels[vendor] as MapOptions & { script?: string };
  let ids = {};

  const fail = (vendor: string, r: Running, message: string) => {
    if (!r.failed) report({ code: 'pixel_failed', message: `${vendor}: ${message}`, vendor, level: 'warn' });
    r.failed = true;
  };
  const send = (vendor: string, r: Running, p: Platform, calls: VendorCall[]) => {
    const g = (win as unknown as { [name: string]: (...a: unknown[]) => void })[p.global] as unknown as {
      (...a: unknown[]): void;
      [method: string]: (...a: unknown[]) => void;
    };
    for (const c of calls) {
      try {
        if (p.methods) g[c[0] as string]!(...c.slice(1));
        else g(...c);
      } catch (e) {
        fail(vendor, r, `the ${p.global} call threw: ${(e as Error)?.message}`);
      }
    }
  };

  const start = (vendor: string): Running => {
    const o = options(vendor);
    const r: Running = {
      on: true,
      ready: load[vendor]!()
        .then((p) => {
          p.stub(win, o);
          send(vendor, r, p, p.consent(true, o));
          loadScript(o.script || p.script(o), { nonce }, win.document).then((ok) => ok || fail(vendor, r, 'its script did not load (blocked?)'));
          return p;
        })
        .catch((e) => {
          // Asked for again on the next decision.
          delete running[vendor];
          report({ code: 'pixel_failed', message: `${vendor}: ${String(e)}`, vendor, level: 'warn' });
          return undefined;
        }),
    };
    return r;
  };

  /** Starts the vendors the decision in force allows, pauses the others, keeps the ids the server path needs. */
  const apply = () => {
    const decision = tracker.consent.get();
    const { client, server } = allowedVendors(pixels, endpoint, decision);
    const allowed = client;
    try {
      // Without marketing, an empty list: ids of withdrawn vendors leave tagrelay's cookie.
      ids = platformIds(decision?.c.marketing ? [...client, ...server] : [], { domain: config.consent?.cookieDomain }, win.document);
    } catch (e) {
      report({ code: 'pixel_failed', message: `click ids: ${String(e)}`, level: 'warn' });
    }
    for (const vendor of Object.keys(pixels)) {
      const on = allowed.includes(vendor);
      const r = running[vendor];
      if (r) r.on = on;
      else if (on && load[vendor]) {
        if (options(vendor)?.id) running[vendor] = start(vendor);
        else report({ code: 'pixel_id_missing', message: `pixels.${vendor}: no id, the pixel is not loaded`, vendor });
      }
    }
  };
  apply();
  tracker.on('consent', apply);

  return (e) => {
    try {
      const decision = tracker.consent.get();
      const { client, server } = allowedVendors(pixels, endpoint, decision);
      if (e.consent.marketing) {
        const vendors: NonNullable<typeof e.vendors> = {};
        for (const v of new Set([...client, ...server])) vendors[v] = modeOf(pixels[v], endpoint);
        if (Object.keys(vendors).length) e.vendors = vendors;
        if (Object.keys(ids).length) e.click = { ...ids };
      }
      for (const vendor of client) {
        const r = running[vendor];
        r?.ready.then((p) => {
          if (!p || !r.on || r.failed) return;
          const o = options(vendor);
          const user: HashedUser | undefined = e.user;
          const known = JSON.stringify(user || {});
          if (r.user === undefined) send(vendor, r, p, p.init(o, user));
          else if (user && known != r.user) send(vendor, r, p, p.identify(o, user));
          r.user = known;
          send(vendor, r, p, p.map(e, o));
        });
      }
    } catch (err) {
      report({ code: 'pixel_failed', message: String(err), level: 'warn' });
    }
  };
}
