// @ts-check
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './repoRoot.mjs';

/** @typedef {import('./Sdk').Sdk} Sdk */

/**
 * Our own endpoint from the built dist (`pnpm build`), serving a copy of the CDN bundle at `/tagrelay/`,
 * the endpoint at `/t` and the SDK's bench page at `/`, with an in-memory store.
 *
 * @example const site = await startCollectorSite(tagrelay, 'bench/.cache'); await site.delivered()
 * @param {Sdk} sdk
 * @param {string} cacheDir
 */
export async function startCollectorSite(sdk, cacheDir) {
  const siteDir = join(cacheDir, 'site');
  mkdirSync(siteDir, { recursive: true });
  writeFileSync(join(siteDir, 'index.html'), sdk.html(''));
  // A copy of the bundle as built now, so a rebuild during the run cannot pull chunks from under it.
  const cdnDir = join(cacheDir, 'cdn');
  rmSync(cdnDir, { recursive: true, force: true });
  cpSync(join(repoRoot, 'packages/tagrelay/dist/cdn'), cdnDir, { recursive: true });
  // Imported by URL, not by a static path: the dist is plain JS that only exists after a build.
  const { startServer } = await import(pathToFileURL(join(repoRoot, 'packages/collector/dist/index.js')).href);
  const server = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dbPath: ':memory:',
    cdnDir,
    siteDir,
    exposeEvents: true,
    rateLimit: false,
  });
  return {
    url: `${server.url}/`,
    /** Distinct burst events stored (by `params.i`; the endpoint already drops repeated ids). */
    async delivered() {
      const res = await fetch(`${server.url}/t/events?name=burst&limit=10000`);
      if (!res.ok) throw new Error(`GET /t/events answered ${res.status}`);
      const { events } = await res.json();
      return new Set(events.map((/** @type {any} */ e) => e.params.i)).size;
    },
    /** @returns {Promise<void>} */
    close: () => server.close(),
  };
}
