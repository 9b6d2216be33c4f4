// @ts-check
// `pnpm bench` (after `pnpm build`): the main-thread cost of track() for tagrelay and three
// peers, side by side in one headless Chromium run. A benchmark, not a test: it prints
// figures and ratios and asserts no times. It exits non-zero only when tagrelay itself
// fails to run or loses events; a peer that fails is reported in its row.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { bundlePeer } from './bundlePeer.mjs';
import { formatReport } from './formatReport.mjs';
import { launchChromium } from './launchChromium.mjs';
import { BURST, measureSdk } from './measureSdk.mjs';
import { repoRoot } from './repoRoot.mjs';
import { rudderstack } from './sdks/rudderstack.mjs';
import { segment } from './sdks/segment.mjs';
import { snowplow } from './sdks/snowplow.mjs';
import { tagrelay, tagrelayWithPixels } from './sdks/tagrelay.mjs';
import { startCollectorSite } from './startCollectorSite.mjs';
import { startPeerServer } from './startPeerServer.mjs';

const cacheDir = join(repoRoot, 'bench/.cache');
// `node bench/run.mjs segment` measures tagrelay and only the peers named.
const named = process.argv.slice(2);
const peers = [snowplow, segment, rudderstack].filter((p) => !named.length || named.includes(p.id));

/** tagrelay's own rows, each on a site of our endpoint; the peers share one static server. */
const ours = new Map([
  [tagrelay, await startCollectorSite(tagrelay, cacheDir)],
  [tagrelayWithPixels, await startCollectorSite(tagrelayWithPixels, join(cacheDir, 'pixels'))],
]);
const peerServer = await startPeerServer();
const browser = await launchChromium();
/** @type {import('./formatReport.mjs').Result[]} */
const results = [];
try {
  for (const sdk of [...ours.keys(), ...peers]) {
    console.error(`bench: ${sdk.name} ${sdk.version}…`);
    try {
      const site = ours.get(sdk) ?? peerServer.site(sdk, await bundlePeer(sdk, cacheDir));
      results.push({ sdk, m: await measureSdk(browser, site, { heap: ours.has(sdk) }) });
    } catch (error) {
      results.push({ sdk, error: /** @type {Error} */ (error).message.split('\n')[0] ?? String(error) });
    }
  }
  console.log(formatReport(results, { chromium: browser.version(), date: new Date(), cores: availableParallelism() }));
} finally {
  await browser.close();
  await peerServer.close();
  for (const site of ours.values()) await site.close();
}

const [first] = results;
if (!first || 'error' in first || first.m.delivered < BURST) {
  console.error(`bench: tagrelay ${first && 'error' in first ? `failed: ${first.error}` : 'lost events'}`);
  process.exitCode = 1;
}
