// @ts-check
import { setTimeout as sleep } from 'node:timers/promises';

/** @typedef {import('@playwright/test').Browser} Browser */
/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').CDPSession} CDPSession */
/** @typedef {import('./Sdk').Site} Site */

/**
 * Per-call rounds: n sequential track() calls each, or as many as fit in roundMs (at least
 * minN) for a slow SDK, to keep the run short; `warmupRounds` untimed rounds first (JIT, lazy
 * set-up), then `rounds` timed ones, of which the median is kept. Between rounds the page idles
 * for pauseMs, so the SDK's deferred work (storing, sending) is done before the next round.
 */
export const PER_CALL = { n: 200, minN: 20, roundMs: 250, warmupRounds: 2, rounds: 5, pauseMs: 500 };
/** Events in the burst, all tracked in one task. */
export const BURST = 1000;
/** How long delivery may take to settle, and the tail kept after it (acks, outbox clean-up). */
export const SETTLE_MS = 20_000;
export const TAIL_MS = 500;
const POLL_MS = 100;
/** How long an SDK may take to load and initialise. */
const READY_MS = 15_000;

/**
 * @typedef {{
 *   usPerCall: number;
 *   callsPerRound: number;
 *   loopMs: number;
 *   taskMs: number;
 *   scriptMs: number;
 *   delivered: number;
 *   deliveryMs: number | undefined;
 *   posts: number;
 *   blocked: string[];
 *   heap: { before: number; after: number } | undefined;
 * }} Measurement
 */

/**
 * Measures one SDK, each part in a fresh browser context (so no storage or queue carries over):
 * 1. per-call cost: median over rounds of (time of n sequential track() calls) / n, in µs,
 *    timed with performance.now() in the page after warm-up rounds (PER_CALL);
 * 2. a burst of BURST track() calls in one task: the page's main-thread time from just before
 *    the burst until delivery settles (all delivered, or SETTLE_MS) plus TAIL_MS, as CDP
 *    Performance.getMetrics deltas: TaskDuration (every task on the main thread: script with
 *    its microtasks, storage, GC, network callbacks) and ScriptDuration (script only, and
 *    not the microtasks it queues: a promise-driven SDK's work is missing from it);
 * 3. how many of the burst's events the local collector received;
 * and, with `heap`, the JS heap in use (after a GC) before the burst and after delivery.
 *
 * @example const m = await measureSdk(browser, site, { heap: true }); m.usPerCall
 * @param {Browser} browser
 * @param {Site} site
 * @returns {Promise<Measurement>}
 */
export async function measureSdk(browser, site, { heap = false } = {}) {
  const perCall = await inFreshPage(browser, site.url, (page) => page.evaluate(perCallInPage, PER_CALL));
  const burst = await inFreshPage(browser, site.url, (page) => burstIn(page, site, heap));
  return { ...perCall.value, ...burst.value, blocked: [...perCall.blocked, ...burst.blocked] };
}

/**
 * Runs `run` on the SDK's page once `window.bench.ready` has resolved, in a context of its own.
 * @template T
 * @param {Browser} browser
 * @param {string} url
 * @param {(page: Page) => Promise<T>} run
 */
async function inFreshPage(browser, url, run) {
  const context = await browser.newContext();
  /** @type {string[]} */
  const blocked = [];
  /** @type {string[]} */
  const errors = [];
  // Nothing may leave 127.0.0.1: anything else is refused, and counted.
  await context.route(
    (u) => u.hostname != '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && errors.push(m.text()));
    await page.goto(url);
    await page.waitForFunction(() => !!(/** @type {any} */ (window).bench), null, { timeout: READY_MS });
    await page.evaluate(readyInPage, READY_MS);
    return { value: await run(page), blocked };
  } catch (error) {
    const message = /** @type {Error} */ (error).message.split('\n')[0];
    throw new Error(errors.length ? `${message} (the page said: ${errors[0]})` : message);
  } finally {
    await context.close();
  }
}

/**
 * @param {Page} page
 * @param {Site} site
 * @param {boolean} heap
 */
async function burstIn(page, site, heap) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapBefore = heap ? await heapUsed(cdp) : undefined;
  let posts = 0;
  page.on('request', (r) => r.method() == 'POST' && posts++);
  const before = await metrics(cdp);
  const loopMs = await page.evaluate(burstInPage, BURST);
  const start = Date.now();
  let delivered = await site.delivered();
  while (delivered < BURST && Date.now() - start < SETTLE_MS) {
    await sleep(POLL_MS);
    delivered = await site.delivered();
  }
  const deliveryMs = delivered >= BURST ? Date.now() - start : undefined;
  await sleep(TAIL_MS);
  const after = await metrics(cdp);
  const heapAfter = heap ? await heapUsed(cdp) : undefined;
  return {
    loopMs,
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    delivered,
    deliveryMs,
    posts,
    heap: heapBefore !== undefined && heapAfter !== undefined ? { before: heapBefore, after: heapAfter } : undefined,
  };
}

/** Chrome's per-page counters, durations in seconds. @param {CDPSession} cdp */
async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** JS heap in use after a full GC, in bytes. @param {CDPSession} cdp */
async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

// The functions below run in the page (Playwright sends their text).

/** @param {number} ms */
function readyInPage(ms) {
  const { ready } = /** @type {any} */ (window).bench;
  return Promise.race([
    ready.then(() => undefined),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`not ready after ${ms / 1000} s`)), ms)),
  ]);
}

/**
 * @param {typeof PER_CALL} options
 * @returns {Promise<{ usPerCall: number; callsPerRound: number }>}
 */
async function perCallInPage({ n, minN, roundMs, warmupRounds, rounds, pauseMs }) {
  const { track } = /** @type {any} */ (window).bench;
  const pause = () => new Promise((resolve) => setTimeout(resolve, pauseMs));
  // The first warm-up round sizes the rounds: n calls, or fewer if they would take over roundMs.
  let calls = 0;
  const warmStart = performance.now();
  while (calls < n && (calls < minN || performance.now() - warmStart < roundMs)) track('warmup', calls++);
  await pause();
  for (let r = 1; r < warmupRounds; r++) {
    for (let i = 0; i < calls; i++) track('warmup', i);
    await pause();
  }
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) track('per_call', i);
    times.push(((performance.now() - start) / calls) * 1000);
    await pause();
  }
  return { usPerCall: /** @type {number} */ (times.sort((a, b) => a - b)[rounds >> 1]), callsPerRound: calls };
}

/**
 * Started from a page task (a timer), not from the evaluate call itself: Chrome counts
 * script run through DevTools' Runtime.callFunctionOn outside ScriptDuration.
 * @param {number} count
 * @returns {Promise<number>} ms the synchronous loop took
 */
function burstInPage(count) {
  const { track } = /** @type {any} */ (window).bench;
  return new Promise((resolve) =>
    setTimeout(() => {
      const start = performance.now();
      for (let i = 0; i < count; i++) track('burst', i);
      resolve(performance.now() - start);
    }),
  );
}
