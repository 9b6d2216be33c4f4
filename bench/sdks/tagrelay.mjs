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

/** @type {import('../Sdk').Sdk} */
export const tagrelay = {
  name: 'tagrelay',
  id: 'tagrelay',
  pkg: 'tagrelay',
  version: packageVersion('packages/tagrelay'),
  // Served by our own endpoint (built CDN bundle at /tagrelay/, endpoint at /t), with the
  // paste-in snippet of CONTRACT.md §1 and consent granted as a visitor would.
  html: () => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>bench</title>
<script>
  window.tagrelay = window.tagrelay || function () { (tagrelay.q = tagrelay.q || []).push(arguments) };
  tagrelay('init', { endpoint: '/t' });
  tagrelay('consent', 'update', { analytics: true, marketing: true });
</script>
<script async src="/tagrelay/loader.js"></script>
<script>(${setup})();</script>
<h1>bench</h1>
</html>
`,
};
