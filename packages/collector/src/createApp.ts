import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CONSENT_COOKIE, deliveryLimits, EVENT_ID, readDecision, type BatchResult, type Decision } from '@tagrelay/core';
import { bearerAuth } from './bearerAuth';
import { cors } from './cors';
import { jsonError } from './jsonError';
import { openStore, type Store } from './openStore';
import { rateLimit } from './rateLimit';
import { readBody } from './readBody';
import { serveFiles } from './serveFiles';
import { validateBatch } from './validateBatch';
import { RECEIPT_MAX_BYTES, validateReceipt } from './validateReceipt';

export type CollectorOptions = {
  /** SQLite file of the default store; `':memory:'` (the default) keeps nothing across restarts. */
  dbPath?: string;
  /** Where the endpoint lives. Default `/t` (CONTRACT.md: `endpoint: '/t'`). */
  basePath?: string;
  /** Other origins allowed to send events (exact `scheme://host[:port]`). The endpoint's own origin always is. */
  origins?: string[];
  /** Largest accepted body of `POST {base}/e`. Default 64 KiB, the browsers' whole keepalive budget. */
  maxBodyBytes?: number;
  /**
   * Adds `GET {base}/events` and `GET {base}/c?consent_id=` (demo and tests).
   * Off by default: it shows stored events and receipts to anyone.
   */
  exposeEvents?: boolean;
  /**
   * Adds `GET {base}/c?consent_id=` (the consent receipts of one visitor) for
   * requests with `Authorization: Bearer <adminToken>`. When set, the token is
   * required even with `exposeEvents`.
   */
  adminToken?: string;
  /** Serves the CDN bundle (packages/tagrelay/dist/cdn) at `/tagrelay/`. */
  cdnDir?: string;
  /** Serves a static site (the demo shop) at `/`. */
  siteDir?: string;
  /** Per-IP token bucket on POSTs to the endpoint; `false` disables. Default 120 requests per 10 s. */
  rateLimit?: { requests: number; perSeconds: number } | false;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For and the host from X-Forwarded-Host. */
  trustProxy?: boolean;
  /**
   * The consent cookie read on `POST {base}/e`: what the decision there no longer allows (marketing,
   * a vendor) is removed from the events, and with `Sec-GPC: 1` only a decision that granted
   * marketing while GPC was on lets marketing through. Default `tr_consent`.
   */
  consentCookie?: string;
  /** Where failures are reported. Default console.error. */
  log?: (message: string, error?: unknown) => void;
};

/** `GET {base}/events?limit=` default and ceiling. */
const LIST_DEFAULT = 1000;
const LIST_MAX = 10_000;

/**
 * What a static site is made of. A site folder is often a package too: its
 * package.json, sources and dotfiles are not for visitors.
 */
const SITE_EXTENSIONS = ['.html', '.css', '.js', '.mjs', '.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff2', '.txt'];

/** rollup's `[name]-[hash].js`: content-addressed, so it can be cached for good. */
const HASHED_CHUNK = /-[A-Za-z0-9_-]{8,}\.js$/;

function normaliseBase(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed)) throw new Error(`basePath: ${JSON.stringify(base)} is not a path such as /t`);
  return trimmed;
}

/**
 * The client's IP: the socket's, or behind a trusted proxy the LAST X-Forwarded-For
 * entry, the one that proxy appended. Earlier entries come from the client and can be
 * forged (to dodge the rate limit, or to plant an IP on events).
 */
function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // not served by @hono/node-server (e.g. app.request in tests)
  }
}

/**
 * The body of a POST as text, or the error answer: the content-type and size
 * rules that `/e` and `/c` share. `hint` tells the client what to send instead of a too large body.
 */
async function readText(c: Context, maxBytes: number, hint: string): Promise<string | Response> {
  const type = c.req.header('content-type')?.split(';')[0].trim().toLowerCase();
  // Beacons send text/plain (no preflight, PLATFORMS.md section 7); fetch may send JSON.
  if (type && type != 'text/plain' && type != 'application/json') {
    return jsonError(c, 415, 'unsupported_media_type', 'send JSON as text/plain;charset=UTF-8 or application/json');
  }
  const body = await readBody(c.req.raw, maxBytes);
  if ('text' in body) return body.text;
  return body.error == 'too_large'
    ? jsonError(c, 413, 'too_large', `the body is larger than ${maxBytes} bytes; ${hint}`)
    : jsonError(c, 400, 'invalid_utf8', 'the body is not valid UTF-8');
}

/**
 * Global Privacy Control on the request (COMPLIANCE.md 9): a binding opt-out of
 * sale/sharing, so marketing is refused unless the visitor's stored decision
 * granted it while GPC was signalled (`g: 1`), the explicit override the rule allows.
 */
function gpcDeniesMarketing(c: Context, decision: Decision | undefined): boolean {
  if (c.req.header('sec-gpc')?.trim() !== '1') return false;
  return !(decision?.c.marketing === true && decision.g === 1);
}

/** `GET {base}/events` query value: a non-negative integer, absent, or NaN when malformed. */
const queryInt = (value: string | undefined) => (value === undefined ? undefined : /^\d{1,15}$/.test(value) ? Number(value) : NaN);

/**
 * The first-party endpoint as a Hono app: `POST {base}/e` (events),
 * `POST {base}/c` (consent receipts), `GET {base}/health`, optional
 * `GET {base}/events` and `GET {base}/c`, and optional static files for the
 * CDN bundle and a site.
 *
 * @example serve({ fetch: createApp({ dbPath: '.data/events.db' }).fetch, port: 8080 })
 */
export function createApp(
  options: CollectorOptions = {},
  store: Store = openStore({ path: options.dbPath }),
  now: () => number = Date.now,
): Hono {
  const {
    adminToken,
    origins = [],
    maxBodyBytes = deliveryLimits.keepaliveBudgetBytes,
    exposeEvents = false,
    trustProxy = false,
    consentCookie = CONSENT_COOKIE,
    log = console.error,
  } = options;
  const base = normaliseBase(options.basePath ?? '/t');
  const limit = options.rateLimit ?? { requests: 120, perSeconds: 10 };
  const app = new Hono();

  app.use(`${base}/*`, cors({ origins, trustProxy }));
  const limiter = limit && rateLimit({ ...limit, key: (c) => clientIp(c, trustProxy) }, now);
  if (limiter) {
    // Writes are throttled; reads (health checks, /events polled by tests) are
    // cheap, except the token-guarded receipts query, where it bounds guessing.
    app.post(`${base}/*`, limiter);
    if (adminToken !== undefined) app.get(`${base}/c`, limiter);
  }

  app.post(`${base}/e`, async (c) => {
    const text = await readText(c, maxBodyBytes, 'send fewer events per request');
    if (text instanceof Response) return text;
    const receivedAt = now();
    // Events arrive some time after they were tracked (outbox, offline, another tab):
    // the decision in the cookie now is what the visitor allows now.
    const decision = readDecision(c.req.header('cookie') ?? '', consentCookie);
    const batch = validateBatch(text, receivedAt, { denyMarketing: gpcDeniesMarketing(c, decision), decision });
    if ('error' in batch) return c.json(batch, 400);

    // Marketing withdrawn since: user agent and IP are not kept, as for events without marketing consent.
    const withdrawn = decision?.c.marketing === false;
    const meta = {
      receivedAt,
      // Bounded: a header can be kilobytes, and no forwarder needs more.
      userAgent: withdrawn ? undefined : c.req.header('user-agent')?.slice(0, 512),
      ip: withdrawn ? undefined : clientIp(c, trustProxy),
      dropped: batch.dropped,
    };
    try {
      const { duplicates } = store.insertEvents(batch.events.map(({ event }) => event), meta);
      // `accepted` counts every valid event, duplicates included: all of them
      // are stored now, so accepted + rejected.length is the batch size.
      const result: BatchResult = { accepted: batch.events.length, duplicates, rejected: batch.rejected };
      return c.json(result);
    } catch (error) {
      log('tagrelay collector: storing events failed', error);
      // The browser keeps the events in its outbox and retries after this.
      c.header('Retry-After', '5');
      return jsonError(c, 503, 'store_unavailable', 'the events could not be stored; retry later');
    }
  });

  app.post(`${base}/c`, async (c) => {
    const text = await readText(c, RECEIPT_MAX_BYTES, 'send one receipt per request');
    if (text instanceof Response) return text;
    const receivedAt = now();
    const result = validateReceipt(text, receivedAt);
    if ('error' in result) return c.json(result, 400);
    // No IP and no user agent reach the store: a receipt proves a decision,
    // it does not identify anyone (COMPLIANCE.md rule 5).
    try {
      const { stored, seq, conflict } = store.insertReceipt(result.receipt, receivedAt);
      if (conflict) {
        return jsonError(c, 409, 'conflict', 'a different receipt with this consent_id, ts and action is already stored; receipts are append-only');
      }
      // A resend (browsers retry) is answered 200 with the first copy's seq.
      return c.json({ stored, seq }, stored ? 201 : 200);
    } catch (error) {
      log('tagrelay collector: storing a consent receipt failed', error);
      c.header('Retry-After', '5');
      return jsonError(c, 503, 'store_unavailable', 'the receipt could not be stored; retry later');
    }
  });

  // Receipts hold a visitor's choices: never public. The token guard runs first.
  if (adminToken !== undefined) app.get(`${base}/c`, bearerAuth({ token: adminToken }));
  if (adminToken !== undefined || exposeEvents) {
    app.get(`${base}/c`, (c) => {
      const consentId = c.req.query('consent_id');
      if (consentId === undefined) return jsonError(c, 400, 'invalid_query', 'consent_id: required');
      if (!EVENT_ID.test(consentId)) return jsonError(c, 400, 'invalid_query', `consent_id: must match ${EVENT_ID}`);
      c.header('Cache-Control', 'no-store');
      return c.json({ receipts: store.listReceipts({ consentId }) });
    });
  }

  app.get(`${base}/health`, (c) => c.json({ ok: true }));

  if (exposeEvents) {
    app.get(`${base}/events`, (c) => {
      const since = queryInt(c.req.query('since'));
      const count = queryInt(c.req.query('limit')) ?? LIST_DEFAULT;
      if (Number.isNaN(since)) return jsonError(c, 400, 'invalid_query', 'since: must be a time in ms since epoch');
      if (!(count >= 1)) return jsonError(c, 400, 'invalid_query', `limit: must be an integer from 1 to ${LIST_MAX}`);
      const events = store.listEvents({
        name: c.req.query('name'),
        id: c.req.query('id'),
        since,
        limit: Math.min(count, LIST_MAX),
      });
      return c.json({ events });
    });
  }

  if (options.cdnDir) {
    app.get(
      '/tagrelay/*',
      serveFiles({
        root: options.cdnDir,
        prefix: '/tagrelay/',
        precompressed: true,
        // loader.js is the one unversioned entry: a short cache lets a new
        // release reach visitors within minutes; hashed chunks never change.
        cacheControl: (file) =>
          HASHED_CHUNK.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300, stale-while-revalidate=86400',
        // Chunks are ES modules, fetched in CORS mode even by a same-site page
        // when the bundle is on a subdomain.
        headers: { 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' },
      }),
    );
  }
  if (options.siteDir) {
    app.get(
      '/*',
      serveFiles({
        root: options.siteDir,
        prefix: '/',
        index: 'index.html',
        extensions: SITE_EXTENSIONS,
        cacheControl: () => 'no-cache',
        headers: { 'X-Content-Type-Options': 'nosniff' },
      }),
    );
  }

  app.notFound((c) => jsonError(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path.slice(0, 200)}`));
  app.onError((error, c) => {
    log('tagrelay collector: unexpected error', error);
    return jsonError(c, 500, 'internal_error', 'unexpected error');
  });
  return app;
}
