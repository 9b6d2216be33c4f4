import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createApp, type CollectorOptions } from './createApp';
import { openStore, type Store } from './openStore';

export type ServerOptions = CollectorOptions & {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; default all. */
  hostname?: string;
};

/** How long close() lets requests in flight finish. */
const CLOSE_GRACE_MS = 3000;

/** A running collector. `url` has no trailing slash: `${url}/t/e`. */
export type RunningServer = { url: string; port: number; close(): Promise<void> };

/**
 * Starts the collector on a port (0: a free one), e.g. one per Playwright test.
 * `close()` stops accepting, lets requests in flight finish, then closes the
 * store (only a store it opened itself).
 *
 * @example const { url, close } = await startServer({ port: 0 }); await fetch(`${url}/t/health`)
 */
export async function startServer(options: ServerOptions = {}, store?: Store): Promise<RunningServer> {
  const ownStore = store ?? openStore({ path: options.dbPath });
  const app = createApp(options, ownStore);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.hostname, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (!store) ownStore.close();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const host = !options.hostname || options.hostname == '0.0.0.0' || options.hostname == '::' ? 'localhost' : options.hostname;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (!store) ownStore.close();
          if (error) reject(error);
          else resolve();
        });
        // Idle keep-alive sockets would hold close() open for seconds; a
        // request still running after the grace period is cut off.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }),
  };
}
