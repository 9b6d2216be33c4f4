import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './openStore';
import { startServer } from './startServer';

const event = (id: string) => ({
  id,
  name: 'purchase',
  ts: Date.now() - 1000,
  params: { value: 5, currency: 'EUR' },
  consent: { necessary: true, analytics: true, marketing: true },
  page: { url: 'http://localhost/checkout', referrer: '', title: 'Checkout' },
});
const batch = (...ids: string[]) => JSON.stringify({ v: 1, events: ids.map(event) });
const quiet = { log: () => {} };

/** A raw HTTP request: unlike fetch, node:http sends the path exactly as given (no `..` clean-up). */
function raw(port: number, path: string, init: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end();
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tagrelay-server-'));
  mkdirSync(join(dir, 'cdn'));
  writeFileSync(join(dir, 'cdn', 'loader.js'), 'void 0;');
  writeFileSync(join(dir, 'package.json'), '{"name":"SECRET_OUTSIDE"}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startServer', () => {
  it('listens on a free port and answers real requests', async () => {
    const server = await startServer({ port: 0, hostname: '127.0.0.1', exposeEvents: true, ...quiet });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const res = await fetch(`${server.url}/t/e`, { method: 'POST', body: batch('a', 'b'), headers: { 'content-type': 'text/plain;charset=UTF-8' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
      const list = await (await fetch(`${server.url}/t/events?name=purchase`)).json();
      expect(list.events.map((e: { id: string }) => e.id)).toEqual(['a', 'b']);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/t/health`)).rejects.toThrow();
  });

  it('gives two servers two ports, and reports a port in use', async () => {
    const a = await startServer({ port: 0, ...quiet });
    const b = await startServer({ port: 0, ...quiet });
    try {
      expect(a.port).not.toBe(b.port);
      await expect(startServer({ port: a.port, ...quiet })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('closes promptly with an idle keep-alive connection open', async () => {
    const server = await startServer({ port: 0, ...quiet });
    await fetch(`${server.url}/t/health`, { keepalive: true }).then((r) => r.text());
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a chunked body over the limit with 413', async () => {
    const server = await startServer({ port: 0, ...quiet });
    try {
      const chunk = 'x'.repeat(10_000);
      const res = await raw(server.port, '/t/e', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
        chunks: Array.from({ length: 8 }, () => chunk),
      });
      expect(res.headers['content-length']).toBeDefined();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'too_large' } });
    } finally {
      await server.close();
    }
  });

  it('never serves files outside the CDN folder over HTTP', async () => {
    const server = await startServer({ port: 0, cdnDir: join(dir, 'cdn'), ...quiet });
    try {
      expect((await raw(server.port, '/tagrelay/loader.js')).status).toBe(200);
      for (const path of ['/tagrelay/../package.json', '/tagrelay/%2e%2e/package.json', '/tagrelay/..%2fpackage.json', '/tagrelay/..%2f..%2fpackage.json']) {
        const res = await raw(server.port, path);
        expect(res.status, path).toBe(404);
        expect(res.body).not.toContain('SECRET');
      }
    } finally {
      await server.close();
    }
  });

  it('rate-limits by the socket address', async () => {
    const server = await startServer({ port: 0, rateLimit: { requests: 1, perSeconds: 60 }, ...quiet });
    try {
      const send = (id: string) => fetch(`${server.url}/t/e`, { method: 'POST', body: batch(id) });
      expect((await send('a')).status).toBe(200);
      const limited = await send('b');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
    } finally {
      await server.close();
    }
  });

  it('keeps events in its database file after close', async () => {
    const dbPath = join(dir, 'data', 'events.db');
    const server = await startServer({ port: 0, dbPath, ...quiet });
    await fetch(`${server.url}/t/e`, { method: 'POST', body: batch('kept') });
    await server.close();
    const store = openStore({ path: dbPath });
    expect(store.listEvents().map((e) => e.id)).toEqual(['kept']);
    store.close();
  });

  it('leaves a store it was handed open', async () => {
    const store = openStore();
    const server = await startServer({ port: 0, ...quiet }, store);
    await fetch(`${server.url}/t/e`, { method: 'POST', body: batch('x') });
    await server.close();
    expect(store.countEvents()).toBe(1);
    store.close();
  });
});
