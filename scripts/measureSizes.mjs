// @ts-check
// Sizes of the CDN build, shared by the size test and `pnpm sizes` (which
// writes them into the README), so the README shows what the test measured.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @type {Record<string, { gzip: number; loads: string }>} Budgets, min+gzip bytes, per file (names without their hash). */
export const budgets = {
  'loader.js': { gzip: 1024, loads: 'every page: the paste-in script' },
  'runtime.js': { gzip: 6 * 1024, loads: 'every page, imported by the loader' },
  'createDelivery.js': { gzip: 3 * 1024, loads: 'once consent allows sending: outbox and batch transport' },
  'stores.js': { gzip: 1024, loads: 'with the outbox: IndexedDB through idb-keyval' },
  'hashUser.js': { gzip: 1536, loads: 'on identify() with marketing consent: normalising and SHA-256' },
};

/**
 * Minified, gzip (level 9) and brotli (quality 11) sizes of every shipped CDN file.
 * @returns {{ file: string; name: string; min: number; gzip: number; brotli: number }[]}
 */
export function measureSizes(dir = 'packages/tagrelay/dist/cdn') {
  const order = Object.keys(budgets);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const code = readFileSync(join(dir, file));
      return {
        file,
        name: file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js'),
        min: code.length,
        gzip: gzipSync(code, { level: 9 }).length,
        brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    })
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** @param {ReturnType<typeof measureSizes>} measured */
export function sizeTable(measured) {
  const n = (/** @type {number} */ x) => x.toLocaleString('en');
  return [
    '| file | min | min+gzip | min+brotli | budget (gzip) | loaded |',
    '|---|---:|---:|---:|---:|---|',
    ...measured.map(
      (m) => `| \`${m.name}\` | ${n(m.min)} | **${n(m.gzip)}** | ${n(m.brotli)} | ${budgets[m.name] ? n(budgets[m.name].gzip) : '—'} | ${budgets[m.name]?.loads ?? ''} |`,
    ),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = sizeTable(measureSizes());
  const readme = readFileSync('README.md', 'utf8');
  const [before, rest] = readme.split('<!-- sizes:start -->');
  const after = rest?.split('<!-- sizes:end -->')[1];
  if (after === undefined) throw new Error('README.md has no <!-- sizes:start --> … <!-- sizes:end --> block');
  writeFileSync('README.md', `${before}<!-- sizes:start -->\n${table}\n<!-- sizes:end -->${after}`);
  console.log(table);
}
