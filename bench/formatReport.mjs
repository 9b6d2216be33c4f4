// @ts-check
import { BURST, PER_CALL } from './measureSdk.mjs';

/** @typedef {import('./Sdk').Sdk} Sdk */
/** @typedef {import('./measureSdk.mjs').Measurement} Measurement */
/** @typedef {{ sdk: Sdk } & ({ m: Measurement } | { error: string })} Result */

/** The issue's targets for tagrelay (not asserted: printed beside the figures). */
const TARGETS = { usPerCall: 8, scriptMs: 400 };

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
 * @example console.log(formatReport(results, { chromium: browser.version(), date: new Date() }))
 * @param {Result[]} results tagrelay first
 * @param {{ chromium: string; date: Date; cores: number }} meta
 */
export function formatReport(results, { chromium, date, cores }) {
  const lines = [
    `Main-thread cost of track(), ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC, headless Chromium ${chromium}, ${cores} cores`,
    '',
    `| sdk | µs per track() | burst main-thread ms | delivered / ${BURST} |`,
    '| --- | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    if ('error' in r) lines.push(`| ${label(r.sdk)} | failed: ${r.error.replaceAll('|', '/')} | | |`);
    else lines.push(`| ${label(r.sdk)} | ${us(r.m.usPerCall)} | ${ms(r.m.scriptMs)} | ${r.m.delivered} |`);
  }

  const measured = results.flatMap((r) => ('m' in r ? [{ sdk: r.sdk, m: r.m }] : []));
  lines.push(
    '',
    `| details | calls per round | burst: sync loop ms | burst: POST requests | burst: all delivered after | requests blocked |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map(
      ({ sdk, m }) =>
        `| ${sdk.name} | ${m.callsPerRound} | ${ms(m.loopMs)} | ${m.posts} | ${m.deliveryMs === undefined ? `not in 20 s (${BURST - m.delivered} missing)` : `${(m.deliveryMs / 1000).toFixed(1)} s`} | ${m.blocked.length} |`,
    ),
  );

  const ours = results[0];
  if (ours && 'm' in ours) {
    const { m } = ours;
    lines.push('', 'Ratios to tagrelay (same run, side by side):');
    for (const { sdk, m: peer } of measured.slice(1)) {
      lines.push(`- ${sdk.name} is ${compare(peer.usPerCall, m.usPerCall)} per call and ${compare(peer.scriptMs, m.scriptMs)} over the burst.`);
    }
    if (m.heap) {
      const grew = m.heap.after - m.heap.before;
      lines.push('', `Memory: tagrelay's JS heap after GC was ${mb(m.heap.before)} MB before the burst and ${mb(m.heap.after)} MB after its delivery (${grew >= 0 ? '+' : '−'}${mb(Math.abs(grew))} MB).`);
    }
    const mark = (/** @type {boolean} */ ok) => (ok ? 'met' : 'MISSED');
    lines.push(
      `Targets (issue): ≤ ${TARGETS.usPerCall} µs per call: ${us(m.usPerCall)} (${mark(m.usPerCall <= TARGETS.usPerCall)}); ` +
        `≤ ${TARGETS.scriptMs} ms per burst: ${ms(m.scriptMs)} (${mark(m.scriptMs <= TARGETS.scriptMs)}); ` +
        `all ${BURST} delivered: ${m.delivered} (${mark(m.delivered >= BURST)}).`,
    );
  }
  lines.push(
    '',
    `Per call: median of ${PER_CALL.rounds} rounds of ${PER_CALL.n} sequential track() calls (fewer when ${PER_CALL.n} would take over ${PER_CALL.roundMs} ms) after ${PER_CALL.warmup} warm-up calls, timed with performance.now() in the page.`,
    `Burst: ${BURST} track() calls in one task; main-thread ms = CDP ScriptDuration from the burst until delivery settled (all delivered, or 20 s) + 0.5 s.`,
  );
  return lines.join('\n');
}
