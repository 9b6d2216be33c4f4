// @ts-check
import { BURST, PER_CALL, SETTLE_MS, TAIL_MS } from './measureSdk.mjs';

/** @typedef {import('./Sdk').Sdk} Sdk */
/** @typedef {import('./measureSdk.mjs').Measurement} Measurement */
/** @typedef {{ sdk: Sdk } & ({ m: Measurement } | { error: string })} Result */

/** The issue's targets for tagrelay (not asserted: printed beside the figures). */
const TARGETS = { usPerCall: 8, burstMs: 400 };

const us = (/** @type {number} */ x) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));
const ms = (/** @type {number} */ x) => Math.round(x).toLocaleString('en');
const mb = (/** @type {number} */ bytes) => (bytes / 1048576).toFixed(2);
const times = (/** @type {number} */ r) => (r >= 10 ? Math.round(r).toLocaleString('en') : r.toFixed(1)) + '×';
const label = (/** @type {Sdk} */ sdk) => `${sdk.name} ${sdk.version}`;

/** "20× slower" / "2.0× faster" than tagrelay. @param {number} peer @param {number} ours */
const compare = (peer, ours) => (peer >= ours ? `${times(peer / ours)} slower` : `${times(ours / peer)} faster`);

/**
 * The bench's printout: the table (markdown, so it pastes into the README), burst details,
 * each peer's ratios to tagrelay (the first result), tagrelay's memory line and the targets.
 *
 * @example console.log(formatReport(results, { chromium: browser.version(), date: new Date(), cores: 2 }))
 * @param {Result[]} results tagrelay first
 * @param {{ chromium: string; date: Date; cores: number }} meta
 */
export function formatReport(results, { chromium, date, cores }) {
  const lines = [
    `Main-thread cost of track(), ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC, headless Chromium ${chromium}, ${cores} cores`,
    '',
    `| sdk | µs per track() | burst main-thread ms | of which script ms | delivered / ${BURST} |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    if ('error' in r) lines.push(`| ${label(r.sdk)} | failed: ${r.error.replaceAll('|', '/')} | | | |`);
    else lines.push(`| ${label(r.sdk)} | ${us(r.m.usPerCall)} | ${ms(r.m.taskMs)} | ${ms(r.m.scriptMs)} | ${r.m.delivered} |`);
  }

  const measured = results.flatMap((r) => ('m' in r ? [{ sdk: r.sdk, m: r.m }] : []));
  lines.push(
    '',
    `| details | calls per round | burst: sync loop ms | burst: POST requests | burst: all delivered after | requests blocked |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map(
      ({ sdk, m }) =>
        `| ${sdk.name} | ${m.callsPerRound} | ${ms(m.loopMs)} | ${m.posts} | ${m.deliveryMs === undefined ? `not in ${SETTLE_MS / 1000} s (${BURST - m.delivered} missing)` : `${(m.deliveryMs / 1000).toFixed(1)} s`} | ${m.blocked.length} |`,
    ),
  );

  const ours = results[0];
  if (ours && 'm' in ours) {
    const { m } = ours;
    lines.push('', 'Ratios to tagrelay (same run, side by side):');
    for (const { sdk, m: peer } of measured.slice(1)) {
      lines.push(`- ${sdk.name} is ${compare(peer.usPerCall, m.usPerCall)} per call and ${compare(peer.taskMs, m.taskMs)} in main-thread time over the burst.`);
    }
    for (const { sdk, m: { heap } } of measured) {
      if (!heap) continue;
      const grew = heap.after - heap.before;
      lines.push(`${sdk == ours.sdk ? '\n' : ''}Memory: ${sdk.name}'s JS heap after GC was ${mb(heap.before)} MB before the burst and ${mb(heap.after)} MB after its delivery (${grew >= 0 ? '+' : '−'}${mb(Math.abs(grew))} MB).`);
    }
    const mark = (/** @type {boolean} */ ok) => (ok ? 'met' : 'MISSED');
    lines.push(
      `Targets (issue): ≤ ${TARGETS.usPerCall} µs per call: ${us(m.usPerCall)} (${mark(m.usPerCall <= TARGETS.usPerCall)}); ` +
        `≤ ${TARGETS.burstMs} ms per burst: ${ms(m.taskMs)} main-thread (${mark(m.taskMs <= TARGETS.burstMs)}), ${ms(m.scriptMs)} script (${mark(m.scriptMs <= TARGETS.burstMs)}); ` +
        `all ${BURST} delivered: ${m.delivered} (${mark(m.delivered >= BURST)}).`,
    );
  }
  lines.push(
    '',
    `Per call: median of ${PER_CALL.rounds} rounds of ${PER_CALL.n} sequential track() calls (fewer when ${PER_CALL.n} would take over ${PER_CALL.roundMs} ms), ` +
      `${PER_CALL.pauseMs} ms apart, after ${PER_CALL.warmupRounds} untimed rounds, timed with performance.now() in the page.`,
    `Burst: ${BURST} track() calls in one task, measured from just before it until delivery settled (all delivered, or ${SETTLE_MS / 1000} s) + ${TAIL_MS / 1000} s:`,
    'main-thread ms = CDP TaskDuration (all main-thread tasks: script and its microtasks, storage, GC, network callbacks);',
    'script ms = CDP ScriptDuration, which leaves out microtasks (work an SDK chains on promises is missing from it).',
  );
  return lines.join('\n');
}
