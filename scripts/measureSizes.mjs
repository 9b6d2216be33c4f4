// @ts-check
// Sizes of the CDN build, shared by the size test and `pnpm sizes` (which
// writes them into the README), so the README shows what the test measured.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @type {Record<string, { gzip: number; loads: string }>} Budgets, min+gzip bytes, per file (names without their hash). */
export const budgets = {
  'loader.js': { gzip: 1024, loads: 'every page: the paste-in script; reads the decision, Consent Mode defaults' },
  'runtime.js': { gzip: 6 * 1024, loads: 'every page, imported by the loader' },
  'attachConsent.js': { gzip: 4.5 * 1024, loads: 'every page, after the runtime: the consent manager, what a decision does (Consent Mode update, vendor switches and cookies, script activation)' },
  'createDelivery.js': { gzip: 3 * 1024, loads: 'once consent allows sending: outbox and batch transport' },
  'stores.js': { gzip: 1024, loads: 'with the outbox: IndexedDB through idb-keyval' },
  'hashUser.js': { gzip: 1536, loads: 'on identify() with marketing consent: normalising and SHA-256' },
  'mountConsent.js': { gzip: 4 * 1024, loads: 'no stored decision, or consent show(): banner, preferences and their CSS' },
  'readDataLayer.js': { gzip: 512, loads: 'with `dataLayer: true`: GA4 e-commerce pushes as events' },
  'adoptStyles.js': { gzip: 256, loads: 'with the banner or the floating button: their stylesheet' },
  'createReceiptSender.js': { gzip: 1024, loads: 'when a decision is made, or a receipt waits to be sent' },
  'mountFloatingButton.js': { gzip: 1024, loads: 'with `consent.button`: the floating "Privacy settings" button' },
  'loadTexts.js': { gzip: 1024, loads: 'with the banner (and iframe placeholders, the floating button): picks the language' },
  'textHash.js': { gzip: 256, loads: 'with the banner or an iframe placeholder: the hash of the texts shown, for receipts' },
  'sha256.js': { gzip: 512, loads: 'with the banner (hash of the texts shown) or hashUser' },
  'startPixels.js': { gzip: 3 * 1024, loads: 'with `pixels`, once a vendor may run: the router, click ids, the mapping helpers' },
  'meta.js': { gzip: 1536, loads: 'Meta allowed (client or both): stub, calls, event map' },
  'tiktok.js': { gzip: 1536, loads: 'TikTok allowed (client or both): stub, calls, event map' },
  'linkedin.js': { gzip: 1536, loads: 'LinkedIn allowed (client or both): stub, calls, conversions' },
  'google.js': { gzip: 1536, loads: 'Google allowed (client or both): stub, calls, event map' },
  'pinterest.js': { gzip: 1536, loads: 'Pinterest allowed (client or both): stub, calls, event map' },
  'snap.js': { gzip: 1536, loads: 'Snap allowed (client or both): stub, calls, event map' },
  'x.js': { gzip: 1536, loads: 'X allowed (client or both): stub, calls, conversions' },
  'reddit.js': { gzip: 1536, loads: 'Reddit allowed (client or both): stub, calls, event map' },
  'en.js': { gzip: 1024, loads: 'texts in English' },
  'pl.js': { gzip: 1152, loads: 'texts in Polish' },
  'de.js': { gzip: 1152, loads: 'texts in German' },
  'fr.js': { gzip: 1152, loads: 'texts in French' },
  'es.js': { gzip: 1152, loads: 'texts in Spanish' },
};

/**
 * Budgets of what one visitor downloads together. The consent UI (issue 3:
 * ≤ 6 KB min+gzip, JS and CSS together) is the banner chunk with every chunk
 * it imports statically, except those every page loads anyway, plus the
 * largest language file. Each file is a request of its own, so sizes add up.
 */
export const groups = [
  {
    name: 'consent UI, first view (banner + CSS + largest language)',
    root: 'mountConsent.js',
    loadedAnyway: ['loader.js', 'runtime.js', 'attachConsent.js'],
    oneOf: ['en.js', 'pl.js', 'de.js', 'fr.js', 'es.js'],
    gzip: 6 * 1024,
  },
];

/**
 * Sizes of each group of `groups`, following the static `import … from "./chunk.js"` of the build.
 * @param {ReturnType<typeof measureSizes>} measured
 */
export function measureGroups(measured, dir = 'packages/tagrelay/dist/cdn') {
  const byFile = new Map(measured.map((m) => [m.file, m]));
  const byName = new Map(measured.map((m) => [m.name, m]));
  return groups.map((g) => {
    const seen = new Set();
    const visit = (/** @type {string} */ file) => {
      const m = byFile.get(file);
      if (!m || seen.has(file) || g.loadedAnyway.includes(m.name)) return;
      seen.add(file);
      const code = readFileSync(join(dir, file), 'utf8');
      for (const [, dep] of code.matchAll(/(?:^|[;}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+)["']/g)) visit(dep);
    };
    visit(byName.get(g.root)?.file ?? '');
    const language = g.oneOf.map((n) => byName.get(n)).filter((m) => m !== undefined).sort((a, b) => b.gzip - a.gzip)[0];
    const files = [...seen].map((f) => /** @type {{ name: string; gzip: number }} */ (byFile.get(f)));
    if (language) files.push(language);
    return { name: g.name, files: files.map((f) => f.name), gzip: files.reduce((sum, f) => sum + f.gzip, 0), budget: g.gzip };
  });
}

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
    ...measureGroups(measured).map((g) => `| ${g.name}: ${g.files.map((f) => `\`${f}\``).join(' + ')} | | **${n(g.gzip)}** | | ${n(g.budget)} | |`),
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
