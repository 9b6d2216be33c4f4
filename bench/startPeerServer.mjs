// @ts-check
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

/** @typedef {import('./Sdk').Sdk} Sdk */
/** @typedef {import('./Sdk').Site} Site */

/**
 * One local server for the peers, each under its own prefix (`/segment/...`): its page, its
 * bundle (`sdk.js`), stand-ins for the settings it fetches at start, and its collector, which
 * answers 200 to every POST and keeps the burst indices found in the bodies.
 *
 * @example const peers = await startPeerServer(); const { url } = peers.site(segment, await bundlePeer(segment, cacheDir));
 */
export async function startPeerServer() {
  /** @type {Map<string, { sdk: Sdk; bundle: string; received: Set<number> }>} */
  const peers = new Map();
  let origin = '';

  const server = createServer(async (req, res) => {
    /** @param {number} status @param {string | Buffer} body @param {string} type */
    const send = (status, body = '', type = 'text/plain') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const [, id = '', ...rest] = new URL(req.url ?? '/', origin).pathname.split('/');
    const path = rest.join('/');
    const peer = peers.get(id);
    if (!peer) return send(404);
    const { sdk, bundle, received } = peer;
    const base = `${origin}/${id}`;
    try {
      if (req.method == 'GET') {
        if (path == '') return send(200, sdk.html(base), 'text/html; charset=utf-8');
        if (path == 'sdk.js') return send(200, await readFile(bundle), 'text/javascript');
        const stub = sdk.stubs?.(base)[path];
        return stub ? send(200, JSON.stringify(stub), 'application/json') : send(404);
      }
      if (req.method == 'POST') {
        let body = '';
        req.setEncoding('utf8');
        for await (const chunk of req) body += chunk;
        for (const i of sdk.burstIds?.(path, body) ?? []) received.add(i);
        return send(200, '{}', 'application/json');
      }
      return send(204);
    } catch (error) {
      // A body we could not read is the bench's bug, not the SDK's: say so, do not count it.
      console.error(`bench: ${req.method} /${id}/${path}:`, error);
      return send(500);
    }
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

  return {
    /**
     * Serves a peer under `/{id}/` from now on.
     * @param {Sdk} sdk
     * @param {string} bundle its browser script (bundlePeer)
     * @returns {Site}
     */
    site(sdk, bundle) {
      const received = new Set();
      peers.set(sdk.id, { sdk, bundle, received });
      return { url: `${origin}/${sdk.id}/`, delivered: async () => received.size };
    },
    /** @returns {Promise<void>} */
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers' idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
}
