// @ts-check
import { packageVersion } from '../packageVersion.mjs';
import { pageWith } from './pageWith.mjs';

/** Runs in the page: `AnalyticsBrowser.load` with its CDN pointed at the local server. */
function setup(/** @type {string} */ base) {
  const w = /** @type {any} */ (window);
  w.bench = {
    ready: w.SegmentAnalytics.AnalyticsBrowser.load({ writeKey: 'bench', cdnURL: base }).then((/** @type {any[]} */ [analytics]) => {
      w.bench.track = (/** @type {string} */ name, /** @type {number} */ i) => analytics.track(name, { i });
    }),
  };
}

/** @param {any} e */
const isBurst = (e) => e.type == 'track' && e.event == 'burst';

/** @type {import('../Sdk').Sdk} */
export const segment = {
  name: 'Segment',
  id: 'segment',
  pkg: '@segment/analytics-next',
  version: packageVersion('node_modules/@segment/analytics-next'),
  browserBuild: { input: '@segment/analytics-next', global: 'SegmentAnalytics' },
  html: (base) => pageWith(`${base}/sdk.js`, setup, base),
  // Stand-in for cdn.segment.com/v1/projects/<writeKey>/settings: only the Segment.io
  // destination, sending to the local server; no remote metrics.
  stubs: (base) => ({
    'v1/projects/bench/settings': {
      integrations: { 'Segment.io': { apiKey: 'bench', apiHost: `${new URL(base).host}/segment/v1`, protocol: 'http' } },
      plan: { track: { __default: { enabled: true } } },
      metrics: { sampleRate: 0 },
    },
  }),
  // POST {apiHost}/t: one event; {apiHost}/b: { batch: [...] } when batching is on.
  burstIds(path, body) {
    const json = JSON.parse(body);
    const events = path.endsWith('/b') ? json.batch : [json];
    return events.filter(isBurst).map((/** @type {any} */ e) => e.properties.i);
  },
};
