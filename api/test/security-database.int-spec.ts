import { createServer, connect, Server, Socket, AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createTestDatabase } from './support/test-database';
import { bootTestApp, testDatabaseUrl, TestApp } from './support/test-app';
import { signedIn } from './support/factories';

/** A TCP proxy in front of PostgreSQL that can stop passing bytes: a frozen database. */
async function freezableProxy(target: URL) {
  const sockets: Socket[] = [];
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.push(client, upstream);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.on('data', (chunk) => {
        if (frozen) from.pause();
        to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    freeze: () => {
      frozen = true;
      for (const s of sockets) s.pause();
    },
    thaw: () => {
      frozen = false;
      for (const s of sockets) s.resume();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const result = await work();
  return [result, Date.now() - started];
};

/** Issue 17, item 8: a blocked or frozen database fails requests fast; liveness never waits on it. */
describe('a blocked or frozen database', () => {
  it('a table locked by another connection: 503 DATABASE_UNAVAILABLE after the lock timeout, liveness unaffected', async () => {
    // Locking tables would stall the suites running beside this one: a database of its own.
    const own = await createTestDatabase('coopera_test_locks');
    const t: TestApp = await bootTestApp({ databaseUrl: own.url, dbLockTimeoutMs: 500 });
    const staff = await signedIn(t, 'staff');
    const holder = new Client({ connectionString: own.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE actions, sessions IN ACCESS EXCLUSIVE MODE');
      const [res, ms] = await timed(() => staff.get('/api/v1/actions'));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(res.headers['retry-after']).toBeDefined();
      expect(ms).toBeLessThan(3000);
      // With the session cookie, liveness still answers at once: it never reads the session.
      const [live, liveMs] = await timed(() => staff.get('/api/health/live'));
      expect(live.status).toBe(200);
      expect(liveMs).toBeLessThan(200);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await t.close();
      await own.drop();
    }
  });

  it('a server that stops answering: requests fail with 503 within the query timeout; liveness answers within 200 ms', async () => {
    const proxy = await freezableProxy(new URL(testDatabaseUrl()));
    const t = await bootTestApp({
      databaseUrl: proxy.url,
      dbStatementTimeoutMs: 1000,
      dbTimeoutMs: 1000,
    });
    try {
      const staff = await signedIn(t, 'staff');
      await staff.get('/api/v1/actions').expect(200);
      proxy.freeze();
      const [res, ms] = await timed(() => staff.get('/api/v1/actions?q=frozen'));
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('DATABASE_UNAVAILABLE');
      expect(ms).toBeLessThan(6000);
      const [live, liveMs] = await timed(() => staff.get('/api/health/live'));
      expect(live.status).toBe(200);
      expect(liveMs).toBeLessThan(200);
    } finally {
      proxy.thaw();
      await t.close().catch(() => undefined);
      await proxy.close();
    }
  });
});
