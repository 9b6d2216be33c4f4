import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// No browser downloads on this machine: Debian's Chromium when it is there,
// else Playwright's own (a developer laptop, CI with `playwright install`).
const systemChromium = '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/globalSetup.ts',
  // Every test starts its own endpoint and browser context, so tests share nothing.
  fullyParallel: true,
  workers: 2,
  // Deterministic tests or none: a retry would hide exactly the lost or doubled event these suites look for.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    launchOptions,
    trace: 'retain-on-failure',
  },
});
