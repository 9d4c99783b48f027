#!/usr/bin/env node
// `npm run e2e [-- <playwright args>]`: end-to-end tests against the built app.
//
// Builds first (nx run-many -t build -p api,web) only when dist/ lacks the api or the web app,
// then runs Playwright (e2e/playwright.config.ts), whose `webServer` starts the app on a free
// port with a throwaway embedded PostgreSQL (e2e/serve.mjs), waits for /api/health/ready and
// stops it at the end. Exits with Playwright's exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

Object.assign(process.env, {
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NG_CLI_ANALYTICS: 'false',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
});

const log = (message) => console.log(`[e2e] ${message}`);

function ensureBuild() {
  const needed = [join(ROOT, 'dist/api/main.js'), join(ROOT, 'dist/web/browser/es-MX/index.html')];
  const missing = needed.filter((f) => !existsSync(f));
  if (!missing.length) return;
  log(`missing ${missing.map((f) => f.slice(ROOT.length + 1)).join(', ')}: building api and web`);
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api,web', '--output-style=static'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) {
    log(`build failed (exit ${build.status ?? build.signal})`);
    process.exit(build.status || 1);
  }
}

ensureBuild();
const playwright = spawn(
  'npx',
  ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
// Ctrl+C reaches Playwright from the terminal (it stops the server itself): wait for it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => playwright.kill('SIGTERM'));
playwright.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
playwright.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
