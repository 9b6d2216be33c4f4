export type BackoffOptions = { baseMs?: number; capMs?: number };

/**
 * Delay before retry number `attempt` (1, 2, ...): exponential with
 * "equal jitter" (half fixed, half random): browsers recovering from one outage
 * spread out instead of returning at once, yet none retries almost at once.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, capMs = 300_000 }: BackoffOptions = {}, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Anything unreadable is undefined; the caller then uses its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date always names its weekday and month; Date.parse alone would take '-5' as a year.
  const date = /[a-z]/i.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
