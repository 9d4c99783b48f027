/**
 * How the benchmark measures: HTTP latency and throughput (autocannon), reads right after a
 * committed write, reads while a writer commits, and the SQL floor (the statements one request
 * ran, recorded through TypeORM's query runner and replayed through pg).
 */
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export const DURATION = Number(process.env['BENCH_DURATION'] ?? 5);
export const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
export const SQL_RUNS = Number(process.env['BENCH_SQL_RUNS'] ?? 50);
export const AFTER_WRITE_RUNS = Number(process.env['BENCH_AFTER_WRITE_RUNS'] ?? 40);
export const WRITES_PER_S = Number(process.env['BENCH_WRITES_PER_S'] ?? 10);

export interface Recorded {
  sql: string;
  params: unknown[] | undefined;
}
let recording: Recorded[] | null = null;
const originalQuery = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function (
  this: PostgresQueryRunner,
  ...args: Parameters<typeof originalQuery>
) {
  if (recording) recording.push({ sql: args[0], params: args[1] ? [...args[1]] : undefined });
  return originalQuery.apply(this, args);
} as typeof originalQuery;

/** Records the statements run through TypeORM until `stop()`, which returns them. */
export function startRecording(): { stop: () => Recorded[] } {
  const recorded: Recorded[] = [];
  recording = recorded;
  return {
    stop: () => {
      recording = null;
      return recorded;
    },
  };
}

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function measureHttp(
  url: string,
  headers: Record<string, string>,
  connections: number,
) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: DURATION, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => {
      latencies.push(time);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    count: latencies.length,
    errors: result.non2xx + result.errors,
  };
}

/** One GET through fetch (keep-alive), timed in ms. */
export async function timedGet(url: string, headers: Record<string, string>) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: res.status === 200 };
}

/** Each read right after a committed write (one connection): the answer is computed afresh. */
export async function measureAfterWrite(
  url: string,
  headers: Record<string, string>,
  write: () => Promise<unknown>,
) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < AFTER_WRITE_RUNS + 3; i++) {
    await write();
    const { ms, ok } = await timedGet(url, headers);
    if (!ok) errors++;
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: Number(pct(times, 50).toFixed(1)), p95: Number(pct(times, 95).toFixed(1)), errors };
}

/** CONNECTIONS readers while one writer commits WRITES_PER_S writes a second. */
export async function measureWritesBetween(
  url: string,
  headers: Record<string, string>,
  write: () => Promise<unknown>,
) {
  let writes = 0;
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      await new Promise((resolve) => setTimeout(resolve, 1000 / WRITES_PER_S));
      if (stop) break;
      await write();
      writes++;
    }
  })();
  try {
    const result = await measureHttp(url, headers, CONNECTIONS);
    return { ...result, writes };
  } finally {
    stop = true;
    await writer;
  }
}

/** Replays the SQL one request ran (in parallel, as the services do) SQL_RUNS times. */
export async function measureSql(pool: Pool, recorded: Recorded[]) {
  const queries = recorded.filter(
    (q) => !/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET LOCAL)/i.test(q.sql),
  );
  const times: number[] = [];
  for (let i = 0; i < SQL_RUNS + 5; i++) {
    const t0 = process.hrtime.bigint();
    await Promise.all(queries.map((q) => pool.query(q.sql, q.params as unknown[])));
    if (i >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return pct(times, 50);
}
