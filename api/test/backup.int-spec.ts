import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import request from 'supertest';
import { backupDatabase, BackupError } from '../src/backup/backup';
import { restoreDatabase } from '../src/backup/restore';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { bootTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, newAction } from './support/factories';
import { multipartBody, pdfFile } from './support/evidence-files';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Row count and an independent fingerprint (md5 of every row as text, sorted) of each table.
 * Left out: sessions, rate-limit windows and the data version (never restored) and TypeORM's metadata table,
 * which migrations recreate and which names the database itself.
 */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'
          AND tablename NOT IN ('sessions', 'rate_limits', 'data_version', 'typeorm_metadata') ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: number; md5: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      );
      out[name] = `${rows[0].n}:${rows[0].md5}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** A new database with nothing in it (not even migrations), on the test run's server. */
async function emptyDatabase(): Promise<TestDatabase> {
  const server = new URL(process.env['COOPERA_TEST_DATABASE_URL'] ?? '');
  const name = `coopera_restore_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new URL(server.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const dataRows = async (url: string) => {
  const fp = await fingerprint(url);
  return Object.entries(fp)
    .filter(([table]) => table !== 'migrations')
    .reduce((n, [, v]) => n + Number(v.split(':')[0]), 0);
};

describe('backup and restore (npm run backup / npm run restore)', () => {
  let source: TestDatabase;
  let t: TestApp;
  let dir: string;
  let file: string;
  let staffEmail: string;
  let evidence: Buffer;
  let evidenceId: string;
  const targets: TestDatabase[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coopera-backup-'));
    file = join(dir, 'coopera.backup');
    source = await createTestDatabase('coopera_test_backup');
    t = await bootTestApp({ databaseUrl: source.url, demoData: true });
    await t.app.get(DemoSeeder).seedIfEmpty();
    // Work done through the API after seeding: an audited write, a dollar amount converted by
    // PostgreSQL, text that COPY must escape (tab, newline, backslash, accents).
    const staff = await signedIn(t, 'staff');
    staffEmail = staff.user.email;
    const created = await newAction(staff, {
      code: 'RESPALDO-1',
      kind: 'cooperation_project',
      titleEs: 'Respaldo:\tcolumna\nsegunda línea \\ fin — ñandú',
      instituteRole: 'recipient',
    });
    await staff
      .post(`/api/v1/actions/${created.id}/funding`)
      .send({ type: 'commitment', amount: '1234567.89', currency: 'USD', valueDate: '2024-03-15' })
      .expect(201);
    // Evidence lives in PostgreSQL, so the backup holds the file itself.
    evidence = pdfFile('Minuta firmada', 200_000);
    const { body, contentType } = multipartBody([{ name: 'minuta.pdf', content: evidence }]);
    const uploaded = await staff
      .post(`/api/v1/actions/${created.id}/evidence`)
      .set('content-type', contentType)
      .send(body)
      .expect(201);
    evidenceId = uploaded.body.items[0].id;
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([source.drop(), ...targets.map((d) => d.drop())]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a new database exactly what was backed up: every row of every table, checked', async () => {
    const report = await backupDatabase(source.url, file);
    expect(report.tables.map((x) => x.name)).toEqual(
      expect.arrayContaining(['actions', 'funding', 'audit_log', 'users']),
    );
    expect(report.tables.map((x) => x.name)).not.toContain('sessions');
    // Parents come before children (foreign keys are checked while loading).
    const order = report.tables.map((x) => x.name);
    expect(order.indexOf('organisations')).toBeLessThan(order.indexOf('actions'));
    expect(order.indexOf('actions')).toBeLessThan(order.indexOf('funding'));

    const target = await emptyDatabase();
    targets.push(target);
    const restored = await restoreDatabase(target.url, file);
    expect(restored.tables).toEqual(report.tables);
    expect(await fingerprint(target.url)).toEqual(await fingerprint(source.url));

    // The restored database is a working Coopera: same portfolio, same accounts, new writes
    // continue the audit log's numbering.
    const r = await bootTestApp({ databaseUrl: target.url });
    try {
      const agent = request.agent(r.app.getHttpServer());
      const signIn = await agent
        .post('/api/v1/auth/sign-in')
        .send({ email: staffEmail, password: TEST_PASSWORD })
        .expect(200);
      const list = await agent.get('/api/v1/actions?q=RESPALDO-1').expect(200);
      const file = await agent
        .get(`/api/v1/evidence/${evidenceId}/download`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect((file.body as Buffer).equals(evidence)).toBe(true);
      expect(list.body.items[0].titleEs).toBe('Respaldo:\tcolumna\nsegunda línea \\ fin — ñandú');
      await agent
        .post('/api/v1/actions')
        .set('X-XSRF-TOKEN', signIn.body.csrfToken)
        .send({ code: 'RESPALDO-2', kind: 'award', titleEs: 'Después', instituteRole: 'recipient' })
        .expect(201);
    } finally {
      await r.close();
    }
  });

  it('refuses a damaged or truncated file and leaves the target without data', async () => {
    const fresh = await createTestDatabase('coopera_test_backup_fresh');
    targets.push(fresh);
    const migratedRows = await dataRows(fresh.url);
    const plain = gunzipSync(readFileSync(file));
    // Cut at several points: between tables, mid-table, in the middle of a row.
    const cuts = [0.3, 0.6, 0.93].map((fraction, i) => {
      const cut = join(dir, `cut-${i}.backup`);
      writeFileSync(cut, gzipSync(plain.subarray(0, Math.floor(plain.length * fraction))));
      return cut;
    });
    const flipped = join(dir, 'flipped.backup');
    const text = plain.toString('utf8').replace('RESPALDO-1', 'RESPALDO-X');
    writeFileSync(flipped, gzipSync(Buffer.from(text, 'utf8')));
    const garbage = join(dir, 'garbage.backup');
    writeFileSync(garbage, 'not a backup at all');

    for (const [bad, message] of [
      ...cuts.map((cut) => [cut, /cut short|damaged/] as const),
      [flipped, /checksum mismatch in actions/],
      [garbage, /not a Coopera backup|damaged/],
    ] as const) {
      const target = await emptyDatabase();
      targets.push(target);
      const error = await restoreDatabase(target.url, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      // Nothing of the backup is loaded: the target holds no rows, or (when the failure came after
      // its migrations) only what the migrations themselves write, like a new database.
      expect([0, migratedRows]).toContain(await dataRows(target.url));
    }
  });

  it('refuses to restore over a database that already holds data, changing nothing', async () => {
    const before = await fingerprint(source.url);
    await expect(restoreDatabase(source.url, file)).rejects.toThrow(/not empty/);
    expect(await fingerprint(source.url)).toEqual(before);
  });
});
