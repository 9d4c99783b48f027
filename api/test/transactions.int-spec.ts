import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { isSerializationFailure } from '../src/common/db-errors';
import { inTransaction } from '../src/common/transaction';
import { createDataSource } from '../src/db/data-source';
import { testDatabaseUrl } from './support/test-app';

/**
 * A serialization failure or deadlock aborts a transaction with nothing written; Coopera runs it
 * once more. The deadlock is real: another connection holds row 2 and waits for row 1 while the
 * transaction under test holds row 1 and waits for row 2. The transaction under test checks for
 * deadlocks first (deadlock_timeout 50 ms against 10 s), so PostgreSQL picks it as the victim.
 */
describe('transactions retry serialization failures once', () => {
  let ds: DataSource;
  const table = `tx_retry_${process.pid}`;

  beforeAll(async () => {
    ds = createDataSource({ url: testDatabaseUrl() });
    await ds.initialize();
    await ds.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v int NOT NULL)`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${table}`);
    await ds.destroy();
  });
  beforeEach(() => ds.query(`TRUNCATE ${table}; INSERT INTO ${table} VALUES (1, 0), (2, 0)`));

  /** Another session that locks row 2, then — once asked — waits for row 1 and commits. */
  async function rival() {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`BEGIN; SET LOCAL deadlock_timeout = '10s'`);
    await client.query(`UPDATE ${table} SET v = v + 10 WHERE id = 2`);
    return {
      /** Blocks on row 1 (held by the transaction under test) and commits when it gets it. */
      contend: () =>
        client
          .query(`UPDATE ${table} SET v = v + 10 WHERE id = 1`)
          .then(() => client.query('COMMIT'))
          .finally(() => client.end()),
    };
  }

  async function waitUntilBlocked() {
    for (let i = 0; i < 750; i++) {
      const rows: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
        [`UPDATE ${table}%`],
      );
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the rival session never blocked');
  }

  it('a deadlock victim is run again and its writes land exactly once', async () => {
    let attempts = 0;
    let rivalDone: Promise<unknown> | undefined;
    const result = await inTransaction(ds, async (m) => {
      attempts++;
      await m.query(`SET LOCAL deadlock_timeout = '50ms'`);
      await m.query(`UPDATE ${table} SET v = v + 1 WHERE id = 1`);
      if (attempts === 1) {
        const r = await rival();
        rivalDone = r.contend();
        await waitUntilBlocked();
      }
      await m.query(`UPDATE ${table} SET v = v + 1 WHERE id = 2`);
      return 'done';
    });
    await rivalDone;
    expect(result).toBe('done');
    expect(attempts).toBe(2);
    // Both sessions' writes, each once: the aborted first attempt left nothing behind.
    expect(await ds.query(`SELECT id, v FROM ${table} ORDER BY id`)).toEqual([
      { id: 1, v: 11 },
      { id: 2, v: 11 },
    ]);
  });

  it('a second failure is not retried again: it reaches the caller (409 for clients)', async () => {
    let attempts = 0;
    const rivals: Promise<unknown>[] = [];
    const failure = await inTransaction(ds, async (m) => {
      attempts++;
      await m.query(`SET LOCAL deadlock_timeout = '50ms'`);
      await m.query(`UPDATE ${table} SET v = v + 1 WHERE id = 1`);
      const r = await rival();
      rivals.push(r.contend());
      await waitUntilBlocked();
      await m.query(`UPDATE ${table} SET v = v + 1 WHERE id = 2`);
    }).catch((e: unknown) => e);
    await Promise.all(rivals);
    expect(isSerializationFailure(failure)).toBe(true);
    expect(attempts).toBe(2);
    // Only the two rivals' writes exist.
    expect(await ds.query(`SELECT id, v FROM ${table} ORDER BY id`)).toEqual([
      { id: 1, v: 20 },
      { id: 2, v: 20 },
    ]);
  });

  it('other errors are not retried', async () => {
    let attempts = 0;
    await expect(
      inTransaction(ds, async (m) => {
        attempts++;
        await m.query(`INSERT INTO ${table} VALUES (1, 0)`);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(attempts).toBe(1);
  });
});
