import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { prepared, PreparedStatements } from './prepared-statements';

/** A pool that hands out one fake connection whose query records what it was sent. */
function hookedConnection(dbPreparedStatements = true) {
  const pool = new EventEmitter();
  new PreparedStatements({ driver: { master: pool } } as unknown as DataSource, {
    dbPreparedStatements,
  }).onModuleInit();
  const sent = jest.fn((..._args: unknown[]) => Promise.resolve({ rows: [] }));
  const proto = { query: sent };
  const client = Object.create(proto) as { query: (...args: unknown[]) => unknown };
  pool.emit('acquire', client);
  pool.emit('acquire', client); // every checkout: wrapped once
  return { query: (...args: unknown[]) => client.query(...args), sent, proto };
}

describe('prepared statements', () => {
  it('sends a marked text as a named statement, the same name every time', async () => {
    const { query, sent } = hookedConnection();
    const sql = prepared('SELECT $1::int AS n -- marked');
    await query(sql, [1]);
    await query(sql, [2]);
    const [first, second] = sent.mock.calls.map((call) => call[0] as Record<string, unknown>);
    expect(first).toEqual({
      name: expect.stringMatching(/^coopera_[0-9a-f]{24}$/),
      text: sql,
      values: [1],
    });
    expect(second).toEqual({ name: first['name'], text: sql, values: [2] });
    expect(sent).toHaveBeenCalledTimes(2);
  });

  it('leaves every other statement as it was', async () => {
    const { query, sent } = hookedConnection();
    await query('SELECT $1::int AS n -- not marked', [1]);
    const config = { text: 'SELECT 1' };
    await query(config);
    expect(sent.mock.calls[0]).toEqual(['SELECT $1::int AS n -- not marked', [1], undefined]);
    expect(sent.mock.calls[1][0]).toBe(config);
  });

  it('prepares nothing when DB_PREPARED_STATEMENTS=false', async () => {
    const { query, sent } = hookedConnection(false);
    const sql = prepared('SELECT $1::int AS n -- marked, off');
    await query(sql, [1]);
    expect(sent.mock.calls[0]).toEqual([sql, [1]]);
  });

  it('calls the class’s query as it is at each call (a recorder installed later sees everything)', async () => {
    const { query, proto } = hookedConnection();
    const recorder = jest.fn((..._args: unknown[]) => Promise.resolve({ rows: [] }));
    proto.query = recorder;
    await query('SELECT 1 -- after', []);
    await query(prepared('SELECT 2 -- marked, after'), []);
    expect(recorder).toHaveBeenCalledTimes(2);
  });
});
