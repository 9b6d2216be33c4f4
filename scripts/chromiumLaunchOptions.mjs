// @ts-check
import { existsSync } from 'node:fs';

/** Flags for Debian's Chromium here: no sandbox (root), and nothing that phones home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launch options for the browser suites and the benchmark: Debian's Chromium when it is
 * installed (browsers cannot be downloaded on our machines), else Playwright's own
 * (a laptop after `pnpm exec playwright install chromium`).
 */
export function chromiumLaunchOptions(executablePath = '/usr/bin/chromium') {
  return existsSync(executablePath) ? { executablePath, args: ARGS } : {};
}
