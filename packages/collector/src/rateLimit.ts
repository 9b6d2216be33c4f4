import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from './jsonError';

export type RateLimitOptions = {
  /** Burst size: requests a client may make at once. */
  requests: number;
  /** Seconds in which a client earns `requests` new requests. */
  perSeconds: number;
  /** The client's key (its IP); requests without one share a bucket. */
  key: (c: Context) => string | undefined;
  /** Most clients tracked at once; the least recently seen is forgotten first. */
  maxClients?: number;
};

type Bucket = { tokens: number; at: number };

/**
 * Token bucket per client: `requests` at once, refilled steadily over
 * `perSeconds`. Over the limit: 429 with `Retry-After` (seconds until the next
 * token), which the browser's transport honours (CONTRACT.md section 4).
 *
 * @example app.post('/t/*', rateLimit({ requests: 120, perSeconds: 10, key: (c) => ip(c) }))
 */
export function rateLimit(
  { requests, perSeconds, key, maxClients = 10_000 }: RateLimitOptions,
  now: () => number = Date.now,
): MiddlewareHandler {
  if (!(requests > 0 && perSeconds > 0)) throw new Error('rateLimit: requests and perSeconds must be positive');
  const perMs = requests / (perSeconds * 1000);
  // Map order is insertion order: re-inserting on every hit keeps the least
  // recently seen client first, so memory stays bounded under many IPs.
  const buckets = new Map<string, Bucket>();

  return async (c, next) => {
    const client = key(c) ?? '';
    const t = now();
    const previous = buckets.get(client);
    const tokens = previous ? Math.min(requests, previous.tokens + (t - previous.at) * perMs) : requests;
    buckets.delete(client);
    if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);

    if (tokens < 1) {
      buckets.set(client, { tokens, at: t });
      c.header('Retry-After', String(Math.max(1, Math.ceil((1 - tokens) / perMs / 1000))));
      return jsonError(c, 429, 'rate_limited', `more than ${requests} requests in ${perSeconds} s; retry later`);
    }
    buckets.set(client, { tokens: tokens - 1, at: t });
    await next();
  };
}
