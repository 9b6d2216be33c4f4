// @ts-check
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repoRoot.mjs';

/**
 * The version of a package, by its folder below the repo root. Read from the file,
 * since some packages' `exports` do not list `./package.json`.
 *
 * @example packageVersion('node_modules/@segment/analytics-next') // '1.84.3'
 * @param {string} dir
 * @returns {string}
 */
export function packageVersion(dir) {
  return JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')).version;
}
