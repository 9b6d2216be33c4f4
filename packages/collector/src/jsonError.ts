import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the collector answers has one JSON shape,
 * `{ "error": { "code", "message" } }` (CONTRACT.md section 4), never HTML.
 *
 * @example return jsonError(c, 403, 'origin_not_allowed', 'this origin may not send events')
 */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({ error: { code, message }, ...extra }, status);
}
