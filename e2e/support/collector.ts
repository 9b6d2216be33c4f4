import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import {
  startServer,
  type EventFilter,
  type RunningServer,
  type ServerOptions,
  type StoredEvent,
  type StoredReceipt,
} from '../../packages/collector/src/index.ts';

/** The monorepo root, so the suites run the same from any working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A first-party endpoint of its own for one test: the demo shop, the CDN bundle and `/t`. */
export type Collector = {
  /** Origin of the endpoint, no trailing slash; also the tests' `baseURL`. */
  url: string;
  /** Stored events, oldest first (`GET /t/events`). */
  events(filter?: EventFilter): Promise<StoredEvent[]>;
  /** The consent receipts stored for one consent id, oldest first (`GET /t/c?consent_id=`). */
  receipts(consentId: string): Promise<StoredReceipt[]>;
  /** Stops the process side of the endpoint: the port refuses connections until `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same database file. */
  start(): Promise<void>;
};

export async function startCollector(dbPath: string): Promise<Collector & { close(): Promise<void> }> {
  const options: ServerOptions = {
    port: 0,
    dbPath,
    cdnDir: join(repoRoot, 'packages/tagrelay/dist/cdn'),
    siteDir: join(repoRoot, 'examples/shop'),
    exposeEvents: true,
    // Two tabs sending 100 events, or a test polling /t/events, must never be throttled into a flaky failure.
    rateLimit: false,
  };
  let server: RunningServer | undefined = await startServer(options);
  const { url, port } = server;

  return {
    url,
    async events(filter = {}) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
      const res = await fetch(`${url}/t/events?${query}`);
      if (!res.ok) throw new Error(`GET /t/events answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { events: StoredEvent[] }).events;
    },
    async receipts(consentId) {
      const res = await fetch(`${url}/t/c?consent_id=${encodeURIComponent(consentId)}`);
      if (!res.ok) throw new Error(`GET /t/c answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { receipts: StoredReceipt[] }).receipts;
    },
    async stop() {
      await server?.close();
      server = undefined;
    },
    async start() {
      if (server) throw new Error('collector.start(): the endpoint is already running');
      // Same port: the pages under test keep their origin, and the browser retries the URL it knows.
      server = await startServer({ ...options, port });
    },
    async close() {
      await server?.close();
      server = undefined;
    },
  };
}

/** Adds `collector` (a fresh endpoint and database per test) and points `baseURL` at it. */
export const test = base.extend<{ collector: Collector }>({
  collector: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'tagrelay-e2e-'));
    const collector = await startCollector(join(dir, 'events.db'));
    try {
      await use(collector);
    } finally {
      await collector.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
  baseURL: async ({ collector }, use) => {
    await use(collector.url);
  },
});
