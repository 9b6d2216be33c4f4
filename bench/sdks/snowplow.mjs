// @ts-check
import { packageVersion } from '../packageVersion.mjs';
import { pageWith } from './pageWith.mjs';

/** Runs in the page: a tracker with Snowplow's defaults (POST, cookies, localStorage queue) on the local collector. */
function setup(/** @type {string} */ base) {
  const w = /** @type {any} */ (window);
  const sp = w.snowplowBrowserTracking;
  sp.newTracker('sp', base, { appId: 'bench' });
  w.bench = {
    ready: Promise.resolve(),
    track: (/** @type {string} */ name, /** @type {number} */ i) => sp.trackStructEvent({ category: 'bench', action: name, label: String(i) }),
  };
}

/** @type {import('../Sdk').Sdk} */
export const snowplow = {
  name: 'Snowplow',
  id: 'snowplow',
  pkg: '@snowplow/browser-tracker',
  version: packageVersion('node_modules/@snowplow/browser-tracker'),
  browserBuild: { file: 'dist/index.umd.min.js' },
  html: (base) => pageWith(`${base}/sdk.js`, setup, base),
  // POST {collector}/com.snowplowanalytics.snowplow/tp2: { schema, data: [{ e: 'se', se_ac, se_la, ... }] }
  burstIds(path, body) {
    if (!path.endsWith('/tp2')) return [];
    return JSON.parse(body).data.filter((/** @type {any} */ e) => e.se_ac == 'burst').map((/** @type {any} */ e) => Number(e.se_la));
  },
};
