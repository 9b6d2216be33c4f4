// @ts-check
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromiumLaunchOptions.mjs';

/**
 * Headless Chromium with the same launch options as the browser suites.
 *
 * @example const browser = await launchChromium(); console.log(browser.version());
 */
export function launchChromium() {
  return chromium.launch(chromiumLaunchOptions());
}
