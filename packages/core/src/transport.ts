import { parseRetryAfter } from './backoff';
import type { KeepaliveBudget } from './keepaliveBudget';
import type { BatchResult } from './types';

/**
 * What came of one request: an HTTP status (0 for a network error), or
 * 'beacon' when the browser queued it and no answer will ever be seen.
 */
export type SendResult =
  | { status: number; retryAfterMs?: number | undefined; result?: BatchResult | undefined }
  | { status: 'beacon' };

export type TransportDeps = {
  fetch: typeof fetch;
  sendBeacon?: ((url: string, body: string) => boolean) | undefined;
};

const defaultDeps = (): TransportDeps => ({
  fetch: (...a) => fetch(...a),
  sendBeacon: typeof navigator != 'undefined' && navigator.sendBeacon ? (u, b) => navigator.sendBeacon(u, b) : undefined,
});

/**
 * Sends one batch body. While the page lives: `fetch`, with keepalive while
 * our keepalive budget allows, so a navigation does not cancel it and the
 * answer is read. When the page is going away (`unloading`): `sendBeacon`,
 * then `fetch` keepalive, then plain `fetch`. The body is a string, so it goes
 * as text/plain: a CORS-safelisted request without preflight.
 */
export async function send(
  url: string,
  body: string,
  bytes: number,
  { unloading = false, budget }: { unloading?: boolean; budget: KeepaliveBudget },
  deps: TransportDeps = defaultDeps(),
): Promise<SendResult> {
  if (unloading && deps.sendBeacon) {
    try {
      if (deps.sendBeacon(url, body)) return { status: 'beacon' };
    } catch {
      // fall through to fetch
    }
  }
  const keepalive = budget.take(bytes);
  try {
    return await post(url, body, keepalive, deps.fetch);
  } catch {
    // A keepalive request over the browser's own budget fails at once: try once without.
    if (!keepalive) return { status: 0 };
  } finally {
    if (keepalive) budget.release(bytes);
  }
  try {
    return await post(url, body, false, deps.fetch);
  } catch {
    return { status: 0 };
  }
}

async function post(url: string, body: string, keepalive: boolean, f: typeof fetch): Promise<SendResult> {
  const res = await f(url, {
    method: 'POST',
    body,
    keepalive,
    credentials: 'include',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  });
  let result: BatchResult | undefined;
  try {
    result = res.status < 300 ? await res.json() : undefined;
  } catch {
    // an empty or non-JSON 2xx still means stored
  }
  return { status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('Retry-After')), result };
}

/** What to do with a batch after an answer. */
export type Outcome = 'ok' | 'split' | 'drop' | 'retry' | 'unknown';

/**
 * 2xx: done. 413: split, or drop a single event. 408, 425, 429, 5xx and network
 * errors: retry later. Any other 4xx is permanent: drop and report, never retry
 * forever (a bug PLATFORMS.md lists among those others shipped).
 */
export function classify(r: SendResult, events: number): Outcome {
  const s = r.status;
  if (s == 'beacon') return 'unknown';
  if (s >= 200 && s < 300) return 'ok';
  if (s == 413) return events > 1 ? 'split' : 'drop';
  if (s == 0 || s == 408 || s == 425 || s == 429 || s >= 500) return 'retry';
  return 'drop';
}
