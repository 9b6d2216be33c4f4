import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { parseCliArgs, USAGE } from './parseCliArgs';
import { startServer } from './startServer';

const fail = (message: string): never => {
  console.error(`tagrelay-collector: ${message}`);
  process.exit(1);
};

const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

async function main() {
  let request;
  try {
    request = parseCliArgs(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (request.help) return void console.log(USAGE);
  const { demo, options } = request;
  // Short paths for paths under the current folder, absolute ones otherwise.
  const show = (path: string) => {
    const short = relative(process.cwd(), path);
    return short && !short.startsWith('..') && !isAbsolute(short) ? short : path;
  };

  if (options.cdnDir && !isDir(options.cdnDir)) {
    fail(`the CDN bundle folder ${show(options.cdnDir)} does not exist${demo ? ': run pnpm build first' : ''}`);
  }
  if (options.siteDir && !isDir(options.siteDir)) {
    fail(`the site folder ${show(options.siteDir)} does not exist${demo ? ': run the demo from the repository root' : ''}`);
  }

  let server;
  try {
    server = await startServer(options);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return fail(code == 'EADDRINUSE' ? `port ${options.port} is in use: set PORT or --port` : message);
  }
  const base = `${server.url}${options.basePath ?? '/t'}`;
  if (demo) {
    console.log(`tagrelay demo: ${server.url}/`);
    if (options.siteDir) console.log(`  shop      ${server.url}/  (${show(options.siteDir)})`);
    if (options.cdnDir) console.log(`  bundle    ${server.url}/tagrelay/loader.js  (${show(options.cdnDir)})`);
    console.log(`  endpoint  ${base}/e`);
    if (options.exposeEvents) console.log(`  events    ${base}/events`);
    if (options.exposeEvents || options.adminToken) console.log(`  receipts  ${base}/c?consent_id=…`);
    console.log(`  database  ${show(options.dbPath)}`);
  } else {
    console.log(`tagrelay collector: ${base}/e  (database ${show(options.dbPath)})`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    // A second Ctrl-C means "now".
    if (closing) process.exit(1);
    closing = true;
    console.log(`tagrelay-collector: ${signal}, closing`);
    await server.close(); // the server first, then the database (inside close)
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
