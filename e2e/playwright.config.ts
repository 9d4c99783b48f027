import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the built app. `npm run e2e` (e2e/run.mjs) starts `node dist/api/main.js`
 * on a free port with a throwaway embedded PostgreSQL and demo data, and sets BASE_URL.
 * To run against a server that is already up: BASE_URL=http://localhost:3000 npx playwright test -c e2e/playwright.config.ts
 *
 * Chromium is Debian's (/usr/bin/chromium, `apt-get install chromium`); Playwright never downloads one.
 */
const CI = !!process.env.CI;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.BASE_URL ?? 'http://localhost:3000',
    locale: 'es-MX',
    timezoneId: 'America/Mexico_City',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } },
    },
  ],
});
