import { limits } from './limits';
import type { PageContext } from './types';

export type PageTracker = {
  /** The page as events should see it now. */
  context(): PageContext;
  stop(): void;
};

const NAVIGATE = 'tagrelay:navigate';
const PATCHED = 'tagrelayPatched';

/**
 * Single-page apps change the URL with `history.pushState` / `replaceState`,
 * which fire no event: wrap both once per window to announce the change, so
 * every tracker instance can listen without wrapping them again.
 */
function patchHistory(win: Window) {
  const h = win.history as History & Record<string, unknown>;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = h[method] as History['pushState'] & Record<string, unknown>;
    if (original[PATCHED]) continue;
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      win.dispatchEvent(new Event(NAVIGATE));
      return result;
    };
    (wrapped as unknown as Record<string, unknown>)[PATCHED] = true;
    h[method] = wrapped;
  }
}

const withoutHash = (url: string) => url.split('#')[0];

/**
 * Page context for events, and automatic page views (when `onPage` is given)
 * on every SPA route change (push, replace, back/forward) to a new URL. Hash-only changes
 * and replaceState to the same URL are not new pages, so the first page view is
 * never doubled by a router that normalises the URL on load.
 */
export function trackPages(
  onPage: ((page: PageContext) => void) | undefined,
  win: Window = window,
): PageTracker {
  const doc = win.document;
  // Cut to what the endpoint accepts: a long tracking URL must not cost the page's events.
  const cut = (s: string, max: number = limits.urlMaxLength) => (s.length > max ? s.slice(0, max) : s);
  let referrer = cut(doc.referrer);
  let last = cut(win.location.href);
  // Reading location.href costs up to a µs: events use the URL kept here, updated on every way it changes.
  const context = (): PageContext => ({ url: last, referrer, title: cut(doc.title, limits.titleMaxLength) });
  const changed = () => {
    const now = cut(win.location.href);
    if (withoutHash(now) == withoutHash(last)) {
      last = now;
      return;
    }
    const page = { url: now, referrer: (referrer = last) };
    last = now;
    // Routers set the new title after they render: read it one task later.
    if (onPage) setTimeout(() => onPage({ ...page, title: cut(doc.title, limits.titleMaxLength) }));
  };
  // Listened to even without automatic page views: events keep the right referrer.
  patchHistory(win);
  const listen = (on: boolean) => {
    for (const type of [NAVIGATE, 'popstate', 'hashchange']) win[on ? 'addEventListener' : 'removeEventListener'](type, changed);
  };
  listen(true);
  return { context, stop: () => listen(false) };
}
