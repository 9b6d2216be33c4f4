import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromiumLaunchOptions.mjs';

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
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
});
