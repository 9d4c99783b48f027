/**
 * Import load benchmark: the built API (dist/api/main.js, run `npm run build` first) as its own
 * process on a fresh database, and
 *
 *  1. three concurrent dry runs of a ~15 MB workbook holding a 250 MiB sheet: peak RSS of the API
 *     process and GET /api/health/live latency (p50/p99/max, sampled every 50 ms from another
 *     process), whether the API stayed up;
 *  2. a real import of a 500-activity IATI file, then of a 20 MB IATI file: time and peak RSS.
 *
 * The API restarts between scenarios so that each peak RSS (VmHWM) is its own.
 *
 *   npm run bench:imports
 *   IMPORT_BENCH_ROOT=/path/to/other/checkout npm run bench:imports   (its dist/api/main.js)
 */
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../api/src/db/data-source';
import {
  ApiProcess,
  postImport,
  sampleLiveness,
  signInOverHttp,
  startApiProcess,
} from '../api/test/support/api-process';
import { bigIatiFile, bigSheetWorkbook } from '../api/test/support/big-imports';
import { benchDatabase } from './run';

const ROOT = process.env['IMPORT_BENCH_ROOT'] ?? join(__dirname, '..');
const MiB = 1024 * 1024;
const mb = (n: number) => `${(n / MiB).toFixed(0)} MiB`;

async function withApi<T>(
  url: string,
  ds: DataSource,
  work: (api: ApiProcess, staff: Record<string, string>) => Promise<T>,
): Promise<T> {
  const api = await startApiProcess(
    url,
    { NODE_ENV: 'production', LOG_LEVEL: 'error' },
    { root: ROOT, main: join(ROOT, 'dist/api/main.js') },
  );
  try {
    return await work(api, await signInOverHttp(api.base, ds, 'staff'));
  } finally {
    await api.stop();
  }
}

async function main() {
  const db = await benchDatabase();
  const ds = createDataSource({ url: db.url });
  await ds.initialize();
  try {
    console.log(`API: ${join(ROOT, 'dist/api/main.js')}`);
    const workbook = bigSheetWorkbook(250 * MiB);
    await withApi(db.url, ds, async (api, staff) => {
      const sampler = await sampleLiveness(api.base, api.pid);
      const started = Date.now();
      const answers = await Promise.all(
        [1, 2, 3].map((i) =>
          postImport(api.base, staff, 'workbook', { name: `big-${i}.xlsx`, data: workbook }).then(
            (r) => `${r.status} ${String(r.body['code'] ?? '')} in ${r.ms} ms`,
            (e: Error) => `failed: ${e.message}`,
          ),
        ),
      );
      const live = await sampler.stop();
      const up = api.child.exitCode === null;
      console.log(
        `\n3 concurrent dry runs of a ${(workbook.length / MiB).toFixed(1)} MB workbook (250 MiB sheet), ${Date.now() - started} ms`,
      );
      answers.forEach((a, i) => console.log(`  import ${i + 1}: ${a}`));
      console.log(`  API process: ${up ? 'up' : `DOWN (exit ${api.child.exitCode})`}`);
      if (!up) console.log(`  ${api.stderr().split('\n').slice(-3).join('\n  ')}`);
      console.log(`  peak RSS: ${up ? mb(api.peakRss()) : 'n/a (process gone)'}`);
      console.log(
        `  liveness: p50 ${live.p50} ms, p99 ${live.p99} ms, max ${live.max} ms, main thread accounts for ≤ ${live.blockedMax} ms, ${live.failures} failed of ${live.samples}`,
      );
    });
    for (const [label, xml] of [
      ['500-activity IATI file', bigIatiFile({ activities: 500 })],
      ['20 MB IATI file', bigIatiFile({ bytes: 20_000_000 })],
    ] as const) {
      await withApi(db.url, ds, async (api, staff) => {
        const sampler = await sampleLiveness(api.base, api.pid);
        const res = await postImport(
          api.base,
          staff,
          'iati',
          { name: 'activities.xml', data: xml },
          false,
        );
        const live = await sampler.stop();
        const activities = (xml.toString('utf8').match(/<iati-activity /g) ?? []).length;
        console.log(
          `\n${label} (${activities} activities, ${(xml.length / 1e6).toFixed(1)} MB), real import: ${res.status} ${String(res.body['code'] ?? '')} in ${res.ms} ms`,
        );
        console.log(`  peak RSS: ${mb(api.peakRss())}`);
        console.log(
          `  liveness: p50 ${live.p50} ms, p99 ${live.p99} ms, max ${live.max} ms, main thread accounts for ≤ ${live.blockedMax} ms`,
        );
      });
    }
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
