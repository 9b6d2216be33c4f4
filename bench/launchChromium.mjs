// @ts-check
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

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
 * Headless Chromium: Debian's when it is installed (no browser downloads on this machine),
 * else Playwright's own (a laptop after `playwright install`).
 *
 * @example const browser = await launchChromium(); console.log(browser.version());
 */
export function launchChromium(executablePath = '/usr/bin/chromium') {
  return chromium.launch(existsSync(executablePath) ? { executablePath, args: ARGS } : {});
}
