// Builds, in order:
//  1. the CDN runtime (ES modules, hashed chunks) into packages/tagrelay/dist/cdn/
//  2. the CDN loader (one classic script, loader.js) that imports the runtime
//     chunk (and, for a visitor who allowed sending, the delivery chunk) by its
//     hashed name, relative to the loader's own URL
//  3. the npm package `tagrelay` (ESM) and its one bundled declaration file
//  4. the collector (Node ESM) into packages/collector/dist/
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { dts } from 'rollup-plugin-dts';

const version = JSON.parse(readFileSync('packages/tagrelay/package.json', 'utf8')).version;
const cdnDir = 'packages/tagrelay/dist/cdn';

/** Compile-time constants (STYLE.md 8: debug code is stripped from the production bundle). */
const constants = (dev) =>
  replace({
    preventAssignment: true,
    values: { __DEV__: String(dev), __VERSION__: JSON.stringify(version) },
  });

const ts = () =>
  typescript({
    tsconfig: 'tsconfig.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: false },
    noEmitOnError: true,
    include: ['packages/*/src/**/*.ts', 'types/*.d.ts'],
    exclude: ['**/*.test.ts'],
  });

/** TypeScript for the Node builds (collector, CLI): Node types, no emit tricks of the type check. */
const nodeTs = (include) =>
  typescript({
    tsconfig: 'tsconfig.node.json',
    compilerOptions: { allowJs: false, checkJs: false, allowImportingTsExtensions: false, noEmit: false, declaration: false, sourceMap: false },
    noEmitOnError: true,
    include,
    exclude: ['**/*.test.ts'],
  });

// web-vitals' rule: `_`-prefixed members are private and mangled.
const minify = (module) =>
  terser({
    module,
    ecma: 2020,
    compress: { passes: 3, unsafe_arrows: true },
    // Vendors' own globals and stub fields start with `_` too: their scripts read them by name.
    mangle: { properties: { regex: /^_/, reserved: ['_fbq', '_i', '_t', '_o', '_u', '_linkedin_partner_id', '_linkedin_data_partner_ids'] } },
    format: { comments: false },
  });

/** Writes .gz and .br siblings so the endpoint can serve them precompressed. */
const precompress = () => ({
  name: 'precompress',
  writeBundle(options, bundle) {
    const dir = options.dir || dirname(options.file);
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      const path = join(dir, file.fileName);
      const code = readFileSync(path);
      writeFileSync(path + '.gz', gzipSync(code, { level: 9 }));
      writeFileSync(path + '.br', brotliCompressSync(code));
    }
  },
});

/** Empties the output folders once, so no stale hashed chunk is served or measured. */
const clean = (dirs) => ({
  name: 'clean',
  buildStart: () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })),
});

/** Hashed file names of the chunks the loader imports or preloads, handed from build 1 to build 2. */
const chunkFiles = {};
const LOADER_CHUNKS = ['runtime', 'createDelivery', 'mountConsent', 'createConsentEffects'];
const recordChunks = () => ({
  name: 'record-chunks',
  generateBundle(_, bundle) {
    for (const f of Object.values(bundle)) {
      if (f.type === 'chunk' && LOADER_CHUNKS.includes(f.name)) chunkFiles[f.name] = f.fileName;
    }
    mkdirSync(cdnDir, { recursive: true });
  },
});
const chunkNames = () => ({
  name: 'chunk-names',
  resolveId: (id) => (id === 'tagrelay:chunks' ? '\0tagrelay:chunks' : null),
  load: (id) =>
    id === '\0tagrelay:chunks'
      ? `export const runtime = ${JSON.stringify(chunkFiles.runtime)}, delivery = ${JSON.stringify(chunkFiles.createDelivery)}, ui = ${JSON.stringify(chunkFiles.mountConsent)}, effects = ${JSON.stringify(chunkFiles.createConsentEffects)};`
      : null,
});

export default [
  {
    input: { runtime: 'packages/tagrelay/src/cdn/runtime.ts' },
    output: {
      dir: cdnDir,
      format: 'es',
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
    },
    // The loader calls the runtime's `start` export; shared exports may join it (no facade chunk).
    preserveEntrySignatures: 'allow-extension',
    plugins: [clean(['packages/tagrelay/dist', 'packages/collector/dist']), constants(false), nodeResolve({ browser: true }), ts(), minify(true), recordChunks(), precompress()],
  },
  {
    input: 'packages/tagrelay/src/cdn/loader.ts',
    // Not strict: a classic script's 'use strict' prologue is bytes the loader's budget cannot spare.
    output: { file: `${cdnDir}/loader.js`, format: 'iife', strict: false },
    plugins: [constants(false), chunkNames(), ts(), minify(false), precompress()],
  },
  {
    input: { index: 'packages/tagrelay/src/index.ts' },
    output: { dir: 'packages/tagrelay/dist', format: 'es', chunkFileNames: '[name]-[hash].js' },
    preserveEntrySignatures: 'allow-extension',
    external: ['idb-keyval', 'web-vitals'],
    plugins: [constants(false), nodeResolve({ browser: true }), ts()],
  },
  {
    // One declaration file for the npm package, with the core's types folded in.
    input: 'packages/tagrelay/src/index.ts',
    output: { file: 'packages/tagrelay/dist/index.d.ts', format: 'es' },
    plugins: [dts({ respectExternal: true, tsconfig: 'tsconfig.json', compilerOptions: { stripInternal: true } })],
    external: ['idb-keyval', 'web-vitals'],
  },
  {
    input: { index: 'packages/collector/src/index.ts', cli: 'packages/collector/src/cli.ts' },
    output: { dir: 'packages/collector/dist', format: 'es', banner: (c) => (c.name === 'cli' ? '#!/usr/bin/env node' : '') },
    external: (id) => /^(node:|hono|@hono\/|libsql|ioredis)/.test(id),
    plugins: [
      constants(false),
      nodeResolve({ preferBuiltins: true }),
      nodeTs(['packages/collector/src/**/*.ts', 'packages/core/src/**/*.ts', 'types/*.d.ts']),
    ],
  },
  {
    // `tagrelay check-config`: the npm package's bin, run by site owners in CI (Node ESM).
    input: 'packages/tagrelay/src/cli.ts',
    output: { file: 'packages/tagrelay/dist/cli.js', format: 'es', banner: '#!/usr/bin/env node' },
    external: (id) => id.startsWith('node:'),
    plugins: [
      constants(false),
      nodeResolve({ preferBuiltins: true }),
      nodeTs(['packages/tagrelay/src/**/*.ts', 'packages/consent-ui/src/**/*.ts', 'packages/core/src/**/*.ts', 'types/*.d.ts']),
    ],
  },
];
