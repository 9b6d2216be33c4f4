import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerOptions } from './startServer';

export const USAGE = `Usage: tagrelay-collector [options]

  --port N          port to listen on (env PORT; default 8080)
  --host H          interface to listen on (default: all)
  --db PATH         SQLite file (env TAGRELAY_DB; default .data/tagrelay.db)
  --base /t         endpoint base path (default /t)
  --origin URL      another origin allowed to send events (repeatable)
  --cdn DIR         serve the CDN bundle from DIR at /tagrelay/
  --site DIR        serve a static site from DIR at /
  --expose-events   add GET {base}/events and GET {base}/c (demo and tests only)
  --admin-token T   add GET {base}/c?consent_id=ID (consent receipts) for requests
                    with Authorization: Bearer T (env TAGRELAY_ADMIN_TOKEN, preferred:
                    a flag is visible to other users in the process list)
  --trust-proxy     behind one reverse proxy: client IP from the last X-Forwarded-For entry
  --demo            the demo on 127.0.0.1: PORT or 8080, .data/demo.db, packages/tagrelay/dist/cdn,
                    examples/shop, --expose-events (paths relative to the current folder)
  --help            this text
`;

/** What the command line asks for. `demo` changes the defaults and the start-up text. */
export type CliRequest = { help: true } | { help: false; demo: boolean; options: ServerOptions & { dbPath: string } };

function toPort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`${from}: ${JSON.stringify(value)} is not a port number`);
  return port;
}

/**
 * Reads the collector's command line; throws an Error with a message meant for
 * the terminal on a bad flag. Flags win over environment variables, which win
 * over the (demo) defaults. Paths are resolved against `cwd`.
 *
 * @example parseCliArgs(['--demo'], process.env, process.cwd())
 */
export function parseCliArgs(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): CliRequest {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      base: { type: 'string' },
      origin: { type: 'string', multiple: true },
      cdn: { type: 'string' },
      site: { type: 'string' },
      'expose-events': { type: 'boolean' },
      'admin-token': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const demo = values.demo ?? false;
  const port = values.port !== undefined ? toPort(values.port, '--port') : env.PORT ? toPort(env.PORT, 'PORT') : 8080;
  const db = values.db ?? env.TAGRELAY_DB ?? (demo ? '.data/demo.db' : '.data/tagrelay.db');
  const cdn = values.cdn ?? (demo ? 'packages/tagrelay/dist/cdn' : undefined);
  const site = values.site ?? (demo ? 'examples/shop' : undefined);
  // An empty TAGRELAY_ADMIN_TOKEN= is unset, like PORT=. An empty or malformed
  // flag is passed on, so start-up fails (bearerAuth) instead of running unguarded.
  const adminToken = values['admin-token'] ?? (env.TAGRELAY_ADMIN_TOKEN || undefined);
  const options: ServerOptions & { dbPath: string } = {
    port,
    dbPath: db == ':memory:' ? db : resolve(cwd, db),
    origins: values.origin ?? [],
    exposeEvents: values['expose-events'] ?? demo,
    trustProxy: values['trust-proxy'] ?? false,
  };
  // The demo exposes what it stored (/t/events): on this machine only, unless --host says otherwise.
  const host = values.host ?? (demo ? '127.0.0.1' : undefined);
  if (host !== undefined) options.hostname = host;
  if (values.base !== undefined) options.basePath = values.base;
  if (adminToken !== undefined) options.adminToken = adminToken;
  if (cdn !== undefined) options.cdnDir = resolve(cwd, cdn);
  if (site !== undefined) options.siteDir = resolve(cwd, site);
  return { help: false, demo, options };
}
