import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from './jsonError';

export type CorsOptions = {
  /** Exact origins (scheme://host[:port]) that may call the endpoint besides its own. */
  origins: string[];
  /** Take the host from X-Forwarded-Host when the collector runs behind a proxy. */
  trustProxy?: boolean;
};

/** Normalises an origin as browsers send it, or throws a clear error at start-up. */
function toOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`origins: ${JSON.stringify(origin)} is not a URL such as https://shop.example`);
  }
  if (url.origin == 'null') throw new Error(`origins: ${JSON.stringify(origin)} has no http(s) origin`);
  return url.origin;
}

/** The host this request was sent to, as the browser saw it. */
function requestHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0].trim() : undefined;
  return (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase();
}

/**
 * Same-origin means the Origin's host is the host the request was sent to.
 * The scheme is not compared: behind a TLS-terminating proxy the collector
 * sees http while the page is https, and both are the site owner's.
 */
function isSameOrigin(origin: string, c: Context, trustProxy: boolean): boolean {
  try {
    return new URL(origin).host == requestHost(c, trustProxy);
  } catch {
    return false; // `Origin: null` (sandboxed frames, file://) is never same-origin
  }
}

/**
 * CORS for the endpoint, and a guard. A text/plain POST is a "simple" request:
 * the browser sends it cross-origin without asking, and CORS would only hide
 * the answer. So a request from an origin that is neither the endpoint's own
 * nor listed is refused here, before its body is read or stored.
 * No Origin header (curl, server-to-server) is allowed.
 *
 * @example app.use('/t/*', cors({ origins: ['https://shop.example'] }))
 */
export function cors({ origins, trustProxy = false }: CorsOptions): MiddlewareHandler {
  const allowed = new Set(origins.map(toOrigin));
  return async (c, next) => {
    c.header('Vary', 'Origin', { append: true });
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowed.has(origin) && !isSameOrigin(origin, c, trustProxy)) {
      return jsonError(c, 403, 'origin_not_allowed', `origin ${JSON.stringify(origin.slice(0, 100))} may not send events here`);
    }
    if (origin !== undefined) {
      // Exact origin (not `*`): beacons are sent with credentials, and
      // browsers refuse `*` together with credentials (PLATFORMS.md section 7).
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
    }
    if (c.req.method == 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', '86400');
      return c.body(null, 204);
    }
    // Lets a cross-origin client read how long to wait after a 429 or 503.
    if (origin !== undefined) c.header('Access-Control-Expose-Headers', 'Retry-After');
    await next();
  };
}
