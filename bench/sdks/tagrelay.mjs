// @ts-check
import { packageVersion } from '../packageVersion.mjs';

/** Runs in the page: ready once the loader has replaced the stub and the first flush is over. */
function setup() {
  const w = /** @type {any} */ (window);
  w.bench = {
    ready: new Promise((resolve) => {
      const poll = () => (w.tagrelay.v ? resolve(w.tagrelay('flush')) : setTimeout(poll, 10));
      poll();
    }),
    track: (/** @type {string} */ name, /** @type {number} */ i) => w.tagrelay('track', name, { i }),
  };
}

/** The bench page: the paste-in snippet of CONTRACT.md §1 with `init` (a JS object literal), consent granted as a visitor would. */
const page = (/** @type {string} */ init) => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>bench</title>
<script>
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', ${init});
  tagrelay('consent', 'update', { analytics: true, marketing: true });
</script>
<script async src="/tagrelay/loader.js"></script>
<script>(${setup})();</script>
<h1>bench</h1>
</html>
`;

/** @type {import('../Sdk').Sdk} */
export const tagrelay = {
  name: 'tagrelay',
  id: 'tagrelay',
  pkg: 'tagrelay',
  version: packageVersion('packages/tagrelay'),
  // Served by our own endpoint (built CDN bundle at /tagrelay/, endpoint at /t).
  html: () => page("{ endpoint: '/t' }"),
};

// Every platform with an (empty) vendor script of its own, so each stub queues what its pixel gets:
// the cost of routing every event to eight pixels as well as to the endpoint.
const PLATFORMS = ['meta', 'tiktok', 'linkedin', 'google', 'pinterest', 'snap', 'x', 'reddit'];
const pixels = `{ ${PLATFORMS.map((p) => `${p}: { id: '${p == 'google' ? 'G-BENCH' : p == 'reddit' ? 't2_bench' : '1234567890'}', script: 'data:text/javascript,', conversions: { burst: 'tw-1-burst' } }`).join(', ')} }`;

/** @type {import('../Sdk').Sdk} */
export const tagrelayWithPixels = {
  ...tagrelay,
  name: 'tagrelay + 8 pixels',
  id: 'tagrelay-pixels',
  html: () => page(`{ endpoint: '/t', pixels: ${pixels} }`),
};
