/**
 * The API in a process of its own, as it is deployed (production settings), for the benchmarks
 * that measure a server: the load generator or the CPU accounting runs in the parent, so the
 * server's event loop serves requests only. The child is this file run through ts-node
 * (transpile only); the parent talks to it over IPC: `stats` (CPU time, memory, answer cache),
 * `stop` (closes the app and exits).
 */
import { fork, ChildProcess } from 'node:child_process';

export interface ApiProcessOptions {
  databaseUrl: string;
  /** Access log level: `info` logs every request (to a pipe), `error` only failures. */
  logLevel: 'info' | 'error';
  /** Connections in the API's pool (the app's default when absent). */
  dbPoolSize?: number;
  /** Seeds the demo portfolio (an empty database) before listening. */
  seedDemo?: boolean;
  /** Writes a --cpu-prof profile of the API process into this folder. */
  profileDir?: string;
}

export interface ApiStats {
  cpu: NodeJS.CpuUsage;
  memory: { rss: number; heapUsed: number };
  cache: { hits: number; misses: number; partHits: number; partMisses: number; bytes: number };
  /** Per route (method, path with ids as :id): requests answered and their summed time, ms. */
  routes: Record<string, { n: number; ms: number }>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Counts each answered request and its time (request received → answer sent) by route. */
function timeRoutes(app: { getHttpAdapter(): { getInstance(): unknown } }) {
  const routes: ApiStats['routes'] = {};
  const fastify = app.getHttpAdapter().getInstance() as {
    addHook(
      name: 'onResponse',
      hook: (
        request: { method: string; url: string },
        reply: { elapsedTime: number },
        done: () => void,
      ) => void,
    ): void;
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = `${request.method} ${request.url.split('?')[0].replace(UUID, ':id')}`;
    const r = (routes[route] ??= { n: 0, ms: 0 });
    r.n++;
    r.ms += reply.elapsedTime;
    done();
  });
  return routes;
}

export interface ApiProcess {
  port: number;
  child: ChildProcess;
  stats(): Promise<ApiStats>;
  stop(): Promise<void>;
}

const ROLE = 'API_PROCESS_OPTIONS';

/** Starts the API in a child process and resolves once it listens. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const child = fork(__filename, [], {
    env: {
      ...process.env,
      [ROLE]: JSON.stringify(options),
      TS_NODE_PROJECT: 'api/tsconfig.app.json',
    },
    // The access log goes to standard output, a pipe as under a container or a service manager.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execPath: process.execPath,
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      // Memory is read after a full collection: live memory, not garbage V8 has yet to collect.
      '--expose-gc',
      ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
    ],
  });
  child.stdout?.resume();
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { port?: number }) => m.port && resolve(m.port));
    child.on('exit', (code) => reject(new Error(`the API process exited (${code})`)));
  });
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, T>) => {
        if (!(key in m)) return;
        child.off('message', on);
        resolve(m[key]);
      };
      child.on('message', on);
      child.send(message);
    });
  return {
    port,
    child,
    stats: () => ask<ApiStats>('stats', 'stats'),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

/** The app as production builds it (no web files), on `options.databaseUrl`, seeded if asked. */
export async function productionApp(options: ApiProcessOptions) {
  const { createApp } = await import('../api/src/app.factory');
  const { loadConfig } = await import('../api/src/config/app-config');
  const { ANSWER_CACHE } = await import('../api/src/cache/answer-cache.interceptor');
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      DATA_VERSION_MODE: process.env['DATA_VERSION_MODE'],
      ANSWER_CACHE_BYTES: process.env['ANSWER_CACHE_BYTES'],
      DATABASE_URL: options.databaseUrl,
    }),
    webDist: '/nonexistent',
    logLevel: options.logLevel,
    logPretty: false,
    ...(options.dbPoolSize ? { dbPoolSize: options.dbPoolSize } : {}),
  };
  const app = await createApp(config, options.databaseUrl);
  if (options.seedDemo) {
    const { DemoSeeder } = await import('../api/src/seed/demo-seeder');
    await app.get(DemoSeeder).seedIfEmpty();
  }
  return { app, cache: app.get<ApiStats['cache']>(ANSWER_CACHE) };
}

/** The child: builds the app as production runs it, listens, answers the parent's messages. */
async function serve(options: ApiProcessOptions): Promise<void> {
  const { app, cache } = await productionApp(options);
  const routes = timeRoutes(app);
  await app.listen(0, '127.0.0.1');
  process.on('message', (message: string) => {
    if (message === 'stats') {
      const cpu = process.cpuUsage(); // before the collection, which is not the API's work
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      const { hits, misses, partHits, partMisses, bytes } = cache;
      const stats: ApiStats = {
        cpu,
        memory: { rss, heapUsed },
        cache: { hits, misses, partHits, partMisses, bytes },
        routes,
      };
      process.send?.({ stats });
    }
    if (message === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send?.({ port: Number(new URL(await app.getUrl()).port) });
}

if (process.env[ROLE] && require.main === module) {
  serve(JSON.parse(process.env[ROLE]) as ApiProcessOptions).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
