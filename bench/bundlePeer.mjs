// @ts-check
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { repoRoot } from './repoRoot.mjs';

/**
 * A peer SDK as one browser script in `cacheDir`, named after its id and version so a new
 * version is rebuilt and an unchanged one is reused: the package's own prebuilt file when it
 * ships one, else a rollup bundle with dynamic imports inlined, so that nothing is fetched
 * from the vendor's CDN at run time.
 *
 * @example await bundlePeer(segment, 'bench/.cache') // 'bench/.cache/segment-1.84.3.js'
 * @param {import('./Sdk').Sdk} sdk
 * @param {string} cacheDir
 * @returns {Promise<string>} the script's path
 */
export async function bundlePeer(sdk, cacheDir) {
  const build = sdk.browserBuild;
  if (!build) throw new Error(`${sdk.name} has no browser build`);
  const file = join(cacheDir, `${sdk.id}-${sdk.version}.js`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  if ('file' in build) {
    copyFileSync(join(repoRoot, 'node_modules', sdk.pkg, build.file), file);
    return file;
  }
  const bundle = await rollup({
    input: build.input,
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true }),
      commonjs(),
    ],
    // Vendors' code: their circular imports and `this` rewrites are not ours to print.
    onwarn: () => {},
  });
  try {
    await bundle.write({ file, format: 'iife', name: build.global, inlineDynamicImports: true });
  } finally {
    await bundle.close();
  }
  return file;
}
