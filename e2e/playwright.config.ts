import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';

/**
 * End-to-end tests against the built app. `npm run e2e` (e2e/run.mjs) builds if needed and runs
 * Playwright, whose `webServer` starts `node dist/api/main.js` (e2e/serve.mjs) on a free port with
 * a throwaway embedded PostgreSQL and demo data, waits for /api/health/ready and stops it after.
 * To run against a server that is already up (no webServer then):
 * BASE_URL=http://localhost:3000 npx playwright test -c e2e/playwright.config.ts
 *
 * Chromium is Debian's (/usr/bin/chromium, `apt-get install chromium`); Playwright never downloads one.
 */
const CI = !!process.env.CI;

/**
 * A free port, found synchronously (a config is not async). Kept in the environment: the worker
 * processes, which load this file again, inherit it and so see the same port.
 */
function freePort(): string {
  const script = `const s = require('node:net').createServer().listen(0, '127.0.0.1', () => {
    process.stdout.write(String(s.address().port));
    s.close();
  });`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

const OWN_SERVER = !process.env.BASE_URL;
const PORT = (process.env.E2E_PORT ??= OWN_SERVER ? freePort() : '');
const BASE_URL = process.env.BASE_URL ?? `http://127.0.0.1:${PORT}`;

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
    baseURL: BASE_URL,
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
  webServer: OWN_SERVER
    ? {
        command: 'node e2e/serve.mjs',
        cwd: '..',
        env: { PORT },
        url: `${BASE_URL}/api/health/ready`,
        // The first start runs initdb, the migrations and the demo seed.
        timeout: 60_000,
        gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
        stdout: 'ignore',
        stderr: 'pipe',
      }
    : undefined,
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } },
    },
  ],
});
