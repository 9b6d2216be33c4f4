// @ts-check
import { packageVersion } from '../packageVersion.mjs';
import { pageWith } from './pageWith.mjs';

/** Runs in the page: the npm SDK's "bundled" build (plugins included) with its data plane and config on the local server. */
function setup(/** @type {string} */ base) {
  const w = /** @type {any} */ (window);
  const rudder = new w.RudderAnalytics.RudderAnalytics();
  rudder.load('bench', base, {
    configUrl: base,
    destSDKBaseURL: `${base}/destinations`,
    pluginsSDKBaseURL: `${base}/plugins`,
  });
  w.bench = {
    ready: new Promise((resolve) => rudder.ready(resolve)),
    track: (/** @type {string} */ name, /** @type {number} */ i) => rudder.track(name, { i }),
  };
}

/** @param {any} e */
const isBurst = (e) => e.type == 'track' && e.event == 'burst';

/** @type {import('../Sdk').Sdk} */
export const rudderstack = {
  name: 'RudderStack',
  id: 'rudderstack',
  pkg: '@rudderstack/analytics-js',
  version: packageVersion('node_modules/@rudderstack/analytics-js'),
  browserBuild: { input: '@rudderstack/analytics-js/bundled', global: 'RudderAnalytics' },
  html: (base) => pageWith(`${base}/sdk.js`, setup, base),
  // Stand-in for api.rudderstack.com/sourceConfig: an enabled source, no device-mode
  // destinations, no error or metrics reporting.
  stubs: () => ({
    'sourceConfig/': {
      source: {
        id: 'bench-source',
        name: 'bench',
        writeKey: 'bench',
        workspaceId: 'bench-workspace',
        enabled: true,
        config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
        destinations: [],
      },
    },
  }),
  // POST {dataPlaneUrl}/v1/track: one event; /v1/batch: { batch: [...] } when batching is on.
  burstIds(path, body) {
    const json = JSON.parse(body);
    const events = path.endsWith('/batch') ? json.batch : [json];
    return events.filter(isBurst).map((/** @type {any} */ e) => e.properties.i);
  },
};
