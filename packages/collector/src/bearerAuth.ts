import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { jsonError } from './jsonError';

export type BearerAuthOptions = {
  /** The secret a request must carry as `Authorization: Bearer <token>`. */
  token: string;
};

/** Visible ASCII, no spaces: what fits in an Authorization header unchanged. */
const TOKEN = /^[\x21-\x7e]+$/;
const BEARER = /^Bearer +(\S+) *$/i;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Lets a request through only with `Authorization: Bearer <token>`; 401 JSON
 * otherwise. Both sides are hashed first, so timingSafeEqual compares equal
 * lengths: the time taken tells nothing about the token, not even its length.
 *
 * @example app.get('/t/c', bearerAuth({ token: options.adminToken }))
 */
export function bearerAuth({ token }: BearerAuthOptions): MiddlewareHandler {
  if (!TOKEN.test(token)) throw new Error('adminToken: must be non-empty, printable ASCII without spaces');
  const expected = digest(token);
  return async (c, next) => {
    const sent = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="tagrelay"');
      return jsonError(c, 401, 'unauthorized', 'send Authorization: Bearer <admin token>');
    }
    await next();
  };
}
