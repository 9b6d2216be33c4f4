import { test as base, type BrowserContext, type Cookie, type Request } from '@playwright/test';
import type { WireEvent } from '../../packages/core/src/types.ts';

/** One request the browser made, as the recorder saw it. */
export type RecordedRequest = {
  url: string;
  method: string;
  /** Path and query, for same-origin requests; `''` for foreign ones. */
  path: string;
  resourceType: string;
  postData: string | null;
  /** HTTP status, once a response arrived. */
  status?: number;
  /** Why it failed: network error, aborted by a route, the page closed... */
  failure?: string;
};

/** A cookie snapshot taken at a named moment of the test. */
export type CookieCheckpoint = { label: string; cookies: Cookie[] };

/** An event as found in a `POST /t/e` body, with the request that carried it. */
export type SentEvent = { event: WireEvent; request: RecordedRequest };

export type Traffic = {
  /** Every request of the context since it was created, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Same-origin requests under `pathPrefix`: `/t/e` is that path (and its query), `/t/` all of the endpoint. */
  requestsTo(pathPrefix: string): RecordedRequest[];
  /** Requests to any host but the test server's; all were blocked. */
  foreignRequests(): RecordedRequest[];
  /**
   * Every event in every `POST /t/e` body, including bodies that never reached the
   * endpoint; `since` skips the first requests (a `requests.length` taken earlier).
   */
  sentEvents(since?: number): SentEvent[];
  /** Records and returns the context's cookies now. */
  checkpoint(label: string): Promise<Cookie[]>;
  readonly checkpoints: readonly CookieCheckpoint[];
};

/**
 * Records every request of `context` and blocks requests to other hosts than
 * `ownOrigin`. Must be called before the first page is opened: a request made
 * before the listener exists is a request nobody can assert on.
 */
export async function recordTraffic(context: BrowserContext, ownOrigin: string): Promise<Traffic> {
  const own = new URL(ownOrigin).origin;
  const requests: RecordedRequest[] = [];
  const byRequest = new Map<Request, RecordedRequest>();
  const checkpoints: CookieCheckpoint[] = [];
  const isForeign = (url: URL) => /^(https?|wss?):$/.test(url.protocol) && url.origin !== own;

  context.on('request', (request) => {
    const url = new URL(request.url());
    const record: RecordedRequest = {
      url: request.url(),
      method: request.method(),
      path: isForeign(url) ? '' : url.pathname + url.search,
      resourceType: request.resourceType(),
      postData: request.postData(),
    };
    requests.push(record);
    byRequest.set(request, record);
  });
  context.on('response', (response) => {
    const record = byRequest.get(response.request());
    if (record) record.status = response.status();
  });
  context.on('requestfailed', (request) => {
    const record = byRequest.get(request);
    if (record) record.failure = request.failure()?.errorText ?? 'failed';
  });
  // There is no internet here anyway; blocking makes a stray vendor request fail fast and
  // the same way everywhere, instead of waiting on DNS.
  await context.route(isForeign, (route) => route.abort('blockedbyclient'));

  // `/t/e` must not also match `/t/events`.
  const under = (path: string, prefix: string) =>
    path.startsWith(prefix) && (prefix.endsWith('/') || ['', '/', '?'].includes(path.charAt(prefix.length)));

  return {
    requests,
    requestsTo: (pathPrefix) => requests.filter((r) => r.path !== '' && under(r.path, pathPrefix)),
    foreignRequests: () => requests.filter((r) => r.path === ''),
    sentEvents(since = 0) {
      return requests
        .slice(since)
        .filter((r) => r.method === 'POST' && r.path !== '' && under(r.path, '/t/e'))
        .flatMap((request) => {
          // A body we cannot read would silently shrink every wire-level assertion: fail instead.
          if (request.postData === null) throw new Error(`POST ${request.url}: body not readable`);
          const body = JSON.parse(request.postData) as { events: WireEvent[] };
          return body.events.map((event) => ({ event, request }));
        });
    },
    async checkpoint(label) {
      const cookies = await context.cookies();
      checkpoints.push({ label, cookies });
      return cookies;
    },
    checkpoints,
  };
}

/** Adds `traffic`, recording from before the first page of every test. */
export const test = base.extend<{ traffic: Traffic }>({
  traffic: [
    async ({ context, baseURL }, use) => {
      if (!baseURL) throw new Error('traffic: baseURL is not set; use the test from e2e/support/test.ts');
      await use(await recordTraffic(context, baseURL));
    },
    { auto: true },
  ],
});
