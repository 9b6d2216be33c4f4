import type { ChangeInfo, ConsentChange, ConsentConfig, PixelConfig, VendorChoices } from './consentConfig';
import { createConsentState } from './consentState';
import { createEmitter } from './createEmitter';
import type { createFlusher, Flusher } from './createFlusher';
import type { Delivery } from './createDelivery';
import { createId } from './createId';
import { createIdentity } from './createIdentity';
import { EVENT_ID, EVENT_NAME, limits } from './limits';
import type { NormalizeOptions } from './normalizeUser';
import { entryOf } from './entryOf';
import type { OutboxEntry, OutboxGroup, OutboxOptions } from './outbox';
import { minimize, route } from './router';
import type { KeyValueStore } from './stores';
import { trackPages } from './trackPages';
import type { Choices, Decision, HashedUser, PageContext, Params, Problem, UserInput, WireEvent } from './types';
import { saveRescue, takeRescued } from './rescue';
import { utf8Length } from './utf8Length';
import { validateParams } from './validateParams';
import { createVisitorIds } from './visitorIds';

export type Config = {
  /** First-party endpoint base, e.g. '/t': events go to `{endpoint}/e`. */
  endpoint?: string;
  /** Reports problems in the console (they always go to `on('error')`). */
  debug?: boolean;
  /** Page views on load and on SPA route changes (default true). */
  autoPageViews?: boolean;
  /** Consent: revision, lifetime, cookie, mode, banner texts, Google Consent Mode (README: Consent). */
  consent?: ConsentConfig;
  outbox?: OutboxOptions;
  /** How long events may wait to be sent together (default 1000 ms). */
  flushDelayMs?: number;
  /** Events kept in memory while the visitor has not decided (default 100). */
  holdLimit?: number;
  /** Normalisation of identify() data, e.g. `{ phoneCountryCode: '48' }`. */
  user?: NormalizeOptions;
  /** Marketing vendors by key (`meta`, `tiktok`, ... or the site's own): listed in the banner, one switch each. */
  pixels?: { [vendor: string]: PixelConfig };
  /** CSP nonce for the scripts tagrelay adds; the CDN loader passes its own. */
  nonce?: string | undefined;
  /**
   * Read the site's GA4 e-commerce pushes (`dataLayer.push({ event: 'purchase', ecommerce })`) as
   * events, earlier pushes included: `true` for `window.dataLayer`, or the layer's name.
   */
  dataLayer?: boolean | string;
};

export type TrackerEvents = {
  /** An event was accepted (valid); it is then routed by consent. */
  event: WireEvent;
  /** The consent decision changed (here or in another tab). */
  consent: Decision;
  /** A decision was made: the decision, the one before, where and how (what its receipt records); `remote` when another tab made it. */
  change: ConsentChange;
  /** A problem: bad input, a refused event, storage trouble. */
  error: Problem;
  /** consent.show() was called: the consent UI (or the site's own) should open. */
  show: undefined;
};

export type Tracker = {
  /** Tracks an event; returns its id (also handed to pixels for deduplication). */
  track(name: string, params?: Params, options?: { id?: string }): string | undefined;
  /** Tracks a page view now. */
  page(params?: Params): string | undefined;
  /** Normalises and SHA-256 hashes user data in the browser; `null` forgets the user. */
  identify(user: UserInput | null): void;
  consent: {
    /** Opens the preferences (the built-in UI, or whatever listens to `on('show')`). */
    show(): void;
    /** Sets choices; `options.vendors` per marketing vendor, `layer`/`action` for the receipt (default 'api'/'update'). */
    update(choices: Partial<Choices>, options?: Partial<ChangeInfo> & { vendors?: VendorChoices }): Decision | undefined;
    /** The decision in force; in opt-out mode before any choice, the implied default (id ''). */
    get(): Decision | undefined;
    /** Whether Global Privacy Control is signalled and honoured on this page. */
    gpc: boolean;
  };
  on<K extends keyof TrackerEvents>(name: K, listener: (payload: TrackerEvents[K]) => void): () => void;
  /** Sends what is waiting now; resolves when the attempt is over. */
  flush(): Promise<void>;
  /** Removes listeners and timers (tests, teardown of an SPA). */
  destroy(): void;
  /** @internal Reports a problem found outside the tracker (the command queue). */
  _report(problem: Problem): void;
  /**
   * @internal Events wait for `ready` before they are finished (the consent manager's chunk);
   * what it resolves to then sees every finished event first, and may add to it (click ids,
   * vendors) and hand it to the pixels.
   */
  _wait(ready: Promise<FinishHook | void>): void;
};

/** Sees each event finished with the consent in force, before it is stored: the pixels' way in. */
export type FinishHook = (event: WireEvent) => void;

export type TrackerEnv = {
  window: Window;
  /** Opens a named store (IndexedDB by default; loaded only once consent allows storing). */
  store: <V>(name: string) => Promise<KeyValueStore<V>>;
  flusher?: typeof createFlusher;
};

const idb = <V>(name: string) => import('./stores').then((m) => m.idbStore<V>(name));

/** An event finished for the wire: what the outbox stores, and the event for purges and rescue. */
type Finished = OutboxEntry & { e: WireEvent };

const stored = ({ id, ts, json }: Finished): OutboxEntry => ({ id, ts, json });

/** An accepted event on its way to the outbox, with the identity it must carry once hashed. */
type Pending = { event: WireEvent; user: Promise<HashedUser | undefined> };

/**
 * Creates a tracker: the core every entry point (snippet, npm) drives.
 * Nothing here throws into the site's code: problems go to `on('error')`
 * and, in debug mode, the console.
 *
 * @example const tags = createTracker({ endpoint: '/t' }); tags.track('sign_up');
 */
export function createTracker(
  config: Config = {},
  env: TrackerEnv = { window, store: idb },
): Tracker {
  const win = env.window;
  const doc = win.document;
  const debug = !!config.debug;
  const flushDelay = config.flushDelayMs ?? 1000;
  const holdLimit = config.holdLimit ?? 100;
  const emitter = createEmitter<TrackerEvents>((e) => debug && console.error('[tagrelay] an on() listener threw', e));
  const report = (p: Problem) => {
    emitter.emit('error', p);
    if (debug) console[p.level == 'warn' ? 'warn' : 'error'](`[tagrelay] ${p.code}: ${p.message}`);
  };
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    (...a: A): R | undefined => {
      try {
        return fn(...a);
      } catch (e) {
        report({ code: 'internal_error', message: String(e) });
        return undefined;
      }
    };

  const consent = createConsentState(config.consent, doc);
  const visitor = createVisitorIds({ domain: config.consent?.cookieDomain }, doc);
  const identity = createIdentity(report, config.user || {}, () => env.store<HashedUser>('tagrelay-user'));
  /** Events this tab finished and the endpoint has not acknowledged: what a leaving tab must still send. */
  const local = new Map<string, Finished>();
  /** Ids in `local` whose outbox write is not confirmed yet. */
  const unstored = new Set<string>();
  /** Accepted events not yet finished (routing, hashing): a leaving page finishes them without waiting. */
  const waiting = new Set<Pending>();
  const pageId = createId();
  const endpoint = config.endpoint;
  /** Set once the delivery chunk is loaded: the unload path needs it synchronously. */
  let flusher: Flusher | undefined;
  let delivery: Promise<Delivery> | undefined;
  const deliver = () =>
    (delivery ||= Promise.all([import('./createDelivery'), env.store<OutboxGroup>('tagrelay-outbox')]).then(([m, store]) => {
      const d = m.createDelivery(
        {
          url: endpoint!.replace(/\/$/, '') + '/e',
          outbox: config.outbox,
          report,
          settled: (ids) => ids.forEach((id) => local.delete(id) && unstored.delete(id)),
          // Delivered by another tab or evicted: this tab no longer owes them (and `local` stays bounded).
          taken: (present) => {
            for (const id of local.keys()) if (!unstored.has(id) && !present.has(id)) local.delete(id);
          },
          canSend: () => route(consent.get()) == 'send',
        },
        store,
        env.flusher,
      );
      flusher = d.flusher;
      // What earlier pages could not confirm in IndexedDB before they went away.
      const c = consent.get()?.c;
      const rescued = c ? takeRescued(pageId).map((e) => minimize(e, c)) : [];
      if (rescued.length) d.outbox.add(rescued.map(entryOf));
      return d;
    }, (e) => {
      // A chunk that failed to load (a network blip) is asked for again next time; the events
      // wait in `local`, and a leaving page rescues them.
      delivery = undefined;
      throw e;
    }));

  /** Runs `fn` once the delivery chunk is there; a failure is reported, never unhandled. */
  const withDelivery = (fn: (d: Delivery) => unknown) =>
    endpoint && deliver().then(fn).catch((e) => report({ code: 'delivery_unavailable', message: String(e), level: 'warn' }));

  /**
   * Applies a withdrawal to the stored events. This tab's own are taken as `local` holds
   * them (already changed, or finished after the decision: the purge may run after events
   * of a decision made right after were stored).
   */
  const purge = (change: (e: WireEvent) => WireEvent | undefined) => withDelivery((d) => d.purge((e) => local.get(e.id)?.e || change(e)));

  let hook: FinishHook | void;
  let incoming: Pending[] = [];
  let held: Pending[] = [];
  let heldDropped = 0;
  let processing: Promise<void> = Promise.resolve();

  /**
   * Completes an event for the wire with what the consent in force allows, and
   * keeps it in `local` until acknowledged.
   */
  const finish = (p: Pending, c: Choices, user: HashedUser | undefined): Finished | undefined => {
    waiting.delete(p);
    // Only what `c` allows is ever added (ARCHITECTURE.md routing table; `minimize` is the same rule for purges).
    const e: WireEvent = { ...p.event, consent: c };
    if (c.analytics) {
      const ids = visitor.get();
      e.anon_id = ids.anon_id;
      e.session_id = ids.session_id;
    }
    if (c.marketing && user && Object.keys(user).length) e.user = user;
    hook?.(e);
    // Without an endpoint, the pixels were all there was to do.
    if (!endpoint) return;
    const entry = { ...entryOf(e), e };
    // The endpoint counts UTF-8 bytes; a string can be up to 3 bytes per UTF-16 unit.
    if (entry.json.length * 3 > limits.eventMaxBytes && utf8Length(entry.json) > limits.eventMaxBytes) {
      report({ code: 'event_too_large', message: `${e.name}: event over ${limits.eventMaxBytes} bytes, dropped`, id: e.id });
      return undefined;
    }
    local.set(e.id, entry);
    unstored.add(e.id);
    return entry;
  };

  /** Routes a task's worth of events by consent and writes the sendable ones in one store call. */
  let stopped = false;
  const processBatch = async (batch: Pending[]) => {
    for (const p of batch) {
      if (stopped) return;
      let decision = consent.get();
      if (route(decision) == 'send') {
        const user = decision!.c.marketing ? await p.user : undefined;
        // The visitor may have changed their mind while the identity was hashed, or the
        // page been hidden, which finished the event already.
        decision = consent.get();
        if (!waiting.has(p)) continue;
        if (route(decision) == 'send') {
          finish(p, decision!.c, decision!.c.marketing ? user : undefined);
          continue;
        }
      }
      const r = route(decision);
      waiting.delete(p);
      if (r == 'hold') {
        held.push(p);
        if (held.length > holdLimit) {
          held.shift();
          if (!heldDropped++) report({ code: 'hold_full', message: `more than ${holdLimit} events before a consent decision: oldest dropped`, level: 'warn' });
        }
      }
    }
    if (!unstored.size) return;
    const d = await deliver();
    // Everything not yet confirmed, not only this task's: an earlier write may have failed.
    const todo = [...unstored].flatMap((id) => local.get(id) || []);
    await d.outbox.add(todo.map(stored));
    for (const x of todo) unstored.delete(x.id);
    d.flusher.schedule(local.size >= limits.batchMaxEvents ? 0 : flushDelay);
  };

  const enqueue = (batch: Pending[]) => {
    processing = processing.then(() => processBatch(batch)).catch((e) => report({ code: 'internal_error', message: String(e) }));
  };

  const track = (name: string, params?: Params, options?: { id?: string }, page?: PageContext): string | undefined => {
    try {
      return accept(name, params, options, page);
    } catch (e) {
      report({ code: 'internal_error', message: String(e) });
      return undefined;
    }
  };
  // The hot path: no storage, no cookie, no allocation beyond the event (bench/ measures it).
  const accept = (name: string, params?: Params, options?: { id?: string }, page?: PageContext) => {
    if (typeof name != 'string' || !EVENT_NAME.test(name)) {
      report({ code: 'invalid_name', message: `track: event name ${JSON.stringify(String(name)).slice(0, 80)} must match ${EVENT_NAME}` });
      return undefined;
    }
    let id = options?.id;
    if (id !== undefined && !(typeof id == 'string' && EVENT_ID.test(id))) {
      report({ code: 'invalid_id', message: `track: options.id must match ${EVENT_ID}; a new id is used`, level: 'warn' });
      id = undefined;
    }
    // Validated (and so copied) now: the site may reuse and change its params object right after.
    const checked = validateParams(params);
    for (const p of checked.problems) report({ ...p, message: `${name}: ${p.message}` });
    const event = { id: id || createId(), name, ts: Date.now(), params: checked.params, page: page || pages.context() } as WireEvent;
    // One microtask per task's burst of events: writes are batched, track() stays cheap.
    if (!incoming.length) queueMicrotask(() => enqueue(incoming.splice(0)));
    const p: Pending = { event, user: identity.current() };
    incoming.push(p);
    waiting.add(p);
    // A trace of every event for development builds only; the production bundle has none of it.
    if (__DEV__ && debug) console.debug('[tagrelay:dev] track', event);
    emitter.emit('event', event);
    return event.id;
  };

  // Before the first page view, which then carries the identity kept from earlier pages (to the pixels too).
  const initial = consent.get();
  if (initial?.c.marketing) identity.load();
  const auto = config.autoPageViews !== false;
  const pages = trackPages(auto ? (page) => track('page_view', {}, {}, page) : undefined, win);
  if (auto) track('page_view');

  const onDecision = (decision: Decision, previous: Decision | undefined, remote: boolean) => {
    const c = decision.c;
    const wasSending = route(previous) == 'send';
    if (!c.analytics) visitor.clear();
    if (c.marketing) identity.load();
    else identity.clear(!!previous?.c.marketing);
    if (route(decision) == 'drop') {
      held = [];
      local.clear();
      unstored.clear();
      waiting.clear();
      takeRescued();
      if (wasSending) purge(() => undefined);
    } else {
      // Withdrawn purposes take their data out of what is still waiting to be sent.
      // Only a withdrawal changes what may stay: a grant or a repeat leaves the outbox alone.
      if (wasSending && Object.keys(previous!.c).some((k) => previous!.c[k] && !c[k])) {
        purge((e) => minimize(e, c));
        for (const [id, x] of local) {
          const e = minimize(x.e, c);
          local.set(id, { ...entryOf(e), e });
        }
        if (saved) rescue();
      }
      if (held.length) {
        held.forEach((p) => waiting.add(p));
        enqueue(held.splice(0));
      }
      withDelivery((d) => d.flusher.schedule(0));
    }
    emitter.emit('consent', decision);
    // This tab's own decisions are told by update(), with how they were made.
    if (remote) emitter.emit('change', { decision, previous, layer: 'api', action: 'update', remote });
  };
  const unsubscribe = consent.subscribe(onDecision);
  // Leftovers of earlier pages go out soon; the outbox is only opened once consent allows sending.
  if (route(initial) == 'send') withDelivery((d) => d.flusher.schedule(0));

  let saved = false;
  const rescue = () => {
    if (unstored.size) saveRescue(pageId, [...unstored].flatMap((id) => local.get(id)?.e || []));
    saved ||= unstored.size > 0;
  };
  /**
   * The page is hidden or left, and may never run again: finish what is still
   * waiting (without an identity whose hashing is not done), save what IndexedDB
   * has not confirmed, and send everything this tab owes.
   */
  const leave = (unloading: boolean) => {
    const decision = consent.get();
    if (route(decision) != 'send' || !endpoint) return;
    const c = decision!.c;
    for (const p of waiting) finish(p, c, c.marketing ? identity.known(p.user) : undefined);
    rescue();
    flusher?.sendNow([...local.values()], unloading);
  };
  // Back on screen: this page lives on and stores its events itself.
  const onVisibility = () => (doc.visibilityState == 'hidden' ? leave(false) : saved && saveRescue(pageId, []));
  const onPageHide = () => leave(true);
  const onPageShow = (e: PageTransitionEvent) => e.persisted && flusher?.resetBeacons();
  const onOnline = () => flusher?.flush(true);
  // pagehide, never unload/beforeunload: those break the back/forward cache.
  const listeners = [[doc, 'visibilitychange', onVisibility], [win, 'pagehide', onPageHide], [win, 'pageshow', onPageShow], [win, 'online', onOnline]] as const;
  const listen = (on: boolean) => {
    for (const [target, type, fn] of listeners) target[on ? 'addEventListener' : 'removeEventListener'](type, fn as EventListener);
  };
  listen(true);

  return {
    track: (name, params, options) => track(name, params, options),
    page: guard((params?: Params) => track('page_view', params)),
    identify: guard((user: UserInput | null) => identity.set(user, !!consent.get()?.c.marketing)),
    consent: {
      show: guard(() => emitter.emit('show', undefined)),
      update: guard((choices: Partial<Choices>, how?: Partial<ChangeInfo> & { vendors?: VendorChoices }) => {
        if (typeof choices != 'object' || !choices) {
          report({ code: 'invalid_consent', message: "consent('update', choices): choices must be an object" });
          return undefined;
        }
        const previous = consent.get();
        const decision = consent.update(choices, how?.vendors);
        emitter.emit('change', { layer: 'api', action: 'update', ...how, decision, previous });
        return decision;
      }),
      get: () => consent.get(),
      gpc: consent.gpc,
    },
    on: (name, listener) => {
      if (typeof listener != 'function') {
        report({ code: 'invalid_listener', message: `on('${String(name)}'): the listener must be a function` });
        return () => {};
      }
      return emitter.on(name, listener);
    },
    async flush() {
      await new Promise((r) => queueMicrotask(() => r(undefined)));
      await processing;
      // Resolves, never rejects, into the site's code: problems go to on('error').
      if (delivery) await withDelivery((d) => d.flusher.flush(true));
    },
    _report: report,
    _wait(ready) {
      processing = processing.then(() => ready).then((h) => void (hook = h || hook), () => {});
    },
    destroy() {
      stopped = true;
      pages.stop();
      unsubscribe();
      consent.close();
      listen(false);
    },
  };
}
