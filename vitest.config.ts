import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __DEV__: 'true', __VERSION__: JSON.stringify('test') },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Playwright specs live in e2e/ and are run by `playwright test`, never by Vitest.
    exclude: ['e2e/**', 'node_modules/**'],
  },
});
