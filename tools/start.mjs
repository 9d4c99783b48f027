#!/usr/bin/env node
/**
 * `npm start`: builds the API and the web app side by side (Nx, cached), starts the server as
 * soon as the API is built — PostgreSQL, migrations and demo data get ready while the web app
 * is still building — and lets it listen once the web build has finished. A failed build stops
 * everything with its exit code; SIGINT/SIGTERM go to the server, which shuts down in order.
 *
 * The same as `npm run build && node dist/api/main.js`, minus the wait for the database.
 */
import { spawn, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nx = join(root, 'node_modules', '.bin', 'nx');
const env = { ...process.env, NX_NO_CLOUD: process.env.NX_NO_CLOUD ?? 'true' };

/** Runs `nx run <target>`; resolves with its exit code. */
function build(target) {
  const child = spawn(nx, ['run', target, '--output-style=static'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  builds.add(child);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      builds.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

const builds = new Set();
let server = null;
let webDone = false;

function stop(code) {
  for (const child of builds) child.kill('SIGTERM');
  if (server) server.kill('SIGTERM');
  else process.exit(code);
  process.exitCode = code;
}

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    for (const child of builds) child.kill(signal);
    if (server) server.kill(signal);
    else process.exit(130);
  });

const web = build('web:build').then((code) => {
  if (code !== 0) return stop(code);
  webDone = true;
});

const api = await build('api:build');
if (api !== 0) stop(api);
else {
  server = fork(join(root, 'dist', 'api', 'main.js'), [], {
    cwd: root,
    env: { ...process.env, COOPERA_WEB_BUILDING: webDone ? '0' : '1' },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  server.on('exit', (code, signal) => {
    for (const child of builds) child.kill('SIGTERM');
    process.exit(code ?? (signal ? 128 : 0));
  });
  if (webDone) server.disconnect();
  await web;
  if (webDone && server.connected) server.send('web-built');
}
