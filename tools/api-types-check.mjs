#!/usr/bin/env node
// Drift check for the web app's API types: regenerates the Swagger plugin's metadata from the DTO
// types, the OpenAPI document from the API and the TypeScript types from it, into a temp folder,
// and fails when any differs from what is committed (api/src/metadata.ts,
// web/src/app/core/api/openapi.json, web/src/app/core/api/api-types.ts).
//
// Usage: node tools/api-types-check.mjs [--skip-build]
//   --skip-build  use the existing dist/api build instead of running `nx run api:build`
// Needs what `npm run api:openapi` needs (DATABASE_URL, or an embedded PostgreSQL in DATA_DIR).
// Both sides are compared after Prettier, so formatting the committed files is not drift.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import * as prettier from 'prettier';

const root = resolve(import.meta.dirname, '..');
const committed = {
  metadata: join(root, 'api/src/metadata.ts'),
  openapi: join(root, 'web/src/app/core/api/openapi.json'),
  types: join(root, 'web/src/app/core/api/api-types.ts'),
};
const skipBuild = process.argv.includes('--skip-build');
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

async function normalise(file, text) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

/** The first differing line, as a hint (the full diff is one `npm run api:openapi` away). */
function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      return `  line ${i + 1}\n    committed:   ${la[i] ?? '(end of file)'}\n    regenerated: ${lb[i] ?? '(end of file)'}`;
    }
  }
  return '';
}

const tmp = mkdtempSync(join(tmpdir(), 'api-types-check-'));
let failed = false;
try {
  const fresh = {
    metadata: join(tmp, 'metadata.ts'),
    openapi: join(tmp, 'openapi.json'),
    types: join(tmp, 'api-types.ts'),
  };
  run('node', ['tools/api-metadata.mjs', fresh.metadata]);
  if (!skipBuild) run('npx', ['nx', 'run', 'api:build', '--output-style=static']);
  if (!existsSync(join(root, 'dist/api/cli.js'))) {
    console.error('dist/api/cli.js not found: build the API first (or drop --skip-build).');
    process.exit(2);
  }
  run('node', ['dist/api/cli.js', 'openapi', fresh.openapi]);
  run('node', ['tools/api-types.mjs', fresh.openapi, fresh.types]);

  for (const key of ['metadata', 'openapi', 'types']) {
    const file = committed[key];
    const name = relative(root, file);
    if (!existsSync(file)) {
      console.error(`✗ ${name} is missing.`);
      failed = true;
      continue;
    }
    const want = await normalise(file, readFileSync(fresh[key], 'utf8'));
    const have = await normalise(file, readFileSync(file, 'utf8'));
    if (want === have) {
      console.log(`✓ ${name} is up to date.`);
    } else {
      console.error(`✗ ${name} differs from the API:\n${firstDifference(have, want)}`);
      failed = true;
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (failed) {
  console.error(
    "\nThe web app's API types have drifted from the API. Run `npm run api:openapi`, review the\n" +
      'diff (git diff api/src/metadata.ts web/src/app/core/api) and commit the three files.',
  );
  process.exit(1);
}
