// @ts-check
import { fileURLToPath } from 'node:url';

/** The monorepo root (with a trailing slash), so the bench runs the same from any working directory. */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
