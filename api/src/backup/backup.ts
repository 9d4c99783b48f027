/**
 * Coopera backups: a consistent, self-checking logical dump of the database, evidence files
 * included (they live in PostgreSQL), and its restore into an empty database.
 *
 * Why not pg_dump: the embedded PostgreSQL that `npm start` runs ships no client tools, and a
 * system pg_dump refuses a newer server. The dump is therefore written by Coopera itself with
 * PostgreSQL's own COPY text format inside one REPEATABLE READ READ ONLY transaction (one
 * snapshot: every table as of the same instant, while the API keeps working).
 *
 * File (gzip): `COOPERA-BACKUP 1`, a header line (JSON: time, server, migrations), then per table
 * `TABLE {json}` + COPY rows + `\.`, and an `END {json}` line with each table's row count and the
 * SHA-256 of its rows in primary-key order. Restore loads every table in one transaction, checks
 * counts and checksums against the file before committing, so a damaged or truncated file leaves
 * the target without data, never half-restored.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, MigrationInterface } from 'typeorm';
// migrations/ sits at the top level (fixed layout) and is compiled into the API bundle.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';
import { dataSourceOptions } from '../db/data-source';

export const BACKUP_MAGIC = 'COOPERA-BACKUP 1';

/**
 * Not in a backup: what migrations create (their own bookkeeping) and per-moment state a restore
 * must not bring back (sign-in sessions, rate-limit windows, the data version of answer caches).
 */
const NOT_BACKED_UP = new Set([
  'migrations',
  'typeorm_metadata',
  'sessions',
  'rate_limits',
  'data_version',
]);

export interface TableInfo {
  name: string;
  columns: string[];
  /** Columns that order the rows for the checksum (the primary key, else every column). */
  orderBy: string[];
}

export interface TableDigest {
  name: string;
  rows: number;
  sha256: string;
}

export interface BackupHeader {
  createdAt: string;
  server: string;
  migrations: string[];
}

export interface BackupReport {
  file: string;
  bytes: number;
  tables: TableDigest[];
  migrations: string[];
}

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Coopera's tables in an order that satisfies their foreign keys (parents first). */
export async function listTables(client: Client): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const names = tables.map((t) => t.name).filter((n) => !NOT_BACKED_UP.has(n));
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const { rows: keys } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, k.pos`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint f
       JOIN pg_class ch ON ch.oid = f.conrelid JOIN pg_class pa ON pa.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE f.contype = 'f' AND n.nspname = 'public' AND ch.relname <> pa.relname`,
  );
  const byTable = (list: { table: string; column: string }[], table: string) =>
    list.filter((r) => r.table === table).map((r) => r.column);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new BackupError(`foreign keys form a cycle through ${name}`);
    visiting.add(name);
    for (const e of edges) if (e.child === name && names.includes(e.parent)) visit(e.parent);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered.map((name) => {
    const cols = byTable(columns, name);
    const pk = byTable(keys, name);
    return { name, columns: cols, orderBy: pk.length ? pk : cols };
  });
}

const copyOutSql = (t: TableInfo) =>
  `COPY (SELECT ${t.columns.map(ident).join(', ')} FROM ${ident(t.name)} ORDER BY ${t.orderBy
    .map(ident)
    .join(', ')}) TO STDOUT`;

/** Streams one table's rows (COPY text, primary-key order) into `sink`, hashing them. */
async function copyOut(client: Client, table: TableInfo, sink?: Writable): Promise<TableDigest> {
  const hash = createHash('sha256');
  let rows = 0;
  const source = client.query(copyTo(copyOutSql(table)));
  for await (const chunk of source as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (const byte of chunk) if (byte === 0x0a) rows++;
    if (sink && !sink.write(chunk)) await new Promise((r) => sink.once('drain', r));
  }
  return { name: table.name, rows, sha256: hash.digest('hex') };
}

async function appliedMigrations(client: Client): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return [];
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

/** Writes a consistent backup of the database at `url` to `file` (written aside, then renamed). */
export async function backupDatabase(url: string, file: string): Promise<BackupReport> {
  const client = new Client({ connectionString: url, application_name: 'coopera-backup' });
  await client.connect();
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const header: BackupHeader = {
      createdAt: new Date().toISOString(),
      server: (await client.query<{ v: string }>('SELECT version() AS v')).rows[0].v,
      migrations: await appliedMigrations(client),
    };
    if (!header.migrations.length) throw new BackupError('the database has no Coopera schema');
    gzip.write(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`);
    const digests: TableDigest[] = [];
    for (const table of await listTables(client)) {
      gzip.write(`TABLE ${JSON.stringify({ name: table.name, columns: table.columns })}\n`);
      digests.push(await copyOut(client, table, gzip));
      gzip.write('\\.\n');
    }
    await client.query('COMMIT');
    gzip.end(`END ${JSON.stringify({ tables: digests })}\n`);
    await written;
    await rename(partial, file);
    const { size } = await stat(file);
    return { file, bytes: size, tables: digests, migrations: header.migrations };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** The lines of a (gunzipped) stream, split on \n only: COPY text escapes every other newline. */
async function* lines(stream: Readable): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, start)) {
      yield data.subarray(start, i + 1);
      start = i + 1;
    }
    data = data.subarray(start);
    rest = Buffer.from(data);
  }
  if (rest.length) yield rest;
}

function parseJsonLine<T>(line: Buffer | undefined, prefix: string): T {
  const text = line?.toString('utf8') ?? '';
  if (!text.startsWith(prefix) || !text.endsWith('\n'))
    throw new BackupError(`not a Coopera backup or damaged: expected "${prefix.trim()}"`);
  try {
    return JSON.parse(text.slice(prefix.length)) as T;
  } catch {
    throw new BackupError(`damaged backup: unreadable "${prefix.trim()}" line`);
  }
}

export interface RestoreReport {
  tables: TableDigest[];
  migrations: string[];
  /** Migrations newer than the backup, applied after its data. */
  upgradedWith: string[];
}

const migrationName = (m: new () => MigrationInterface) => new m().name ?? m.name;

/**
 * Restores `file` into the database at `url`, which must be new (no tables): the backup's
 * migrations are applied, its rows loaded and checked in one transaction, then the newer
 * migrations of this Coopera version run. A failure leaves the schema without data.
 */
export async function restoreDatabase(url: string, file: string): Promise<RestoreReport> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = lines(input)[Symbol.asyncIterator]();
  const next = async () => {
    try {
      const r = await reader.next();
      return r.done ? undefined : r.value;
    } catch (error) {
      throw new BackupError(
        `damaged backup: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  if ((await next())?.toString('utf8') !== `${BACKUP_MAGIC}\n`)
    throw new BackupError('not a Coopera backup (missing COOPERA-BACKUP header)');
  const header = parseJsonLine<BackupHeader>(await next(), '');
  const known = MIGRATIONS.map(migrationName);
  const isPrefix = header.migrations.every((name, i) => known[i] === name);
  if (!isPrefix)
    throw new BackupError(
      'the backup was made by a different Coopera version (its migrations are not part of this one)',
    );

  const client = new Client({ connectionString: url, application_name: 'coopera-restore' });
  await client.connect();
  try {
    const { rows: existing } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (existing[0].n > 0)
      throw new BackupError(
        'the target database is not empty: restore into a new database (or a new DATA_DIR)',
      );
    await migrate(url, MIGRATIONS.slice(0, header.migrations.length));
    const tables = await listTables(client);

    await client.query('BEGIN');
    const restored: string[] = [];
    let end: { tables: TableDigest[] } | undefined;
    for (let line = await next(); line; line = await next()) {
      const text = line.toString('utf8');
      if (text.startsWith('END ')) {
        end = parseJsonLine<{ tables: TableDigest[] }>(line, 'END ');
        break;
      }
      const { name, columns } = parseJsonLine<{ name: string; columns: string[] }>(line, 'TABLE ');
      const table = tables.find((t) => t.name === name);
      if (!table || restored.includes(name))
        throw new BackupError(`damaged backup: unexpected table ${name}`);
      restored.push(name);
      // Rows go back exactly as dumped: user triggers (derived columns) stay off while loading;
      // foreign keys are still checked.
      await client.query(`ALTER TABLE ${ident(name)} DISABLE TRIGGER USER`);
      // The backup is the whole truth of the table: rows a migration wrote (the starter list of
      // themes) are replaced by the backed-up ones, renamed or removed ones included.
      await client.query(`DELETE FROM ${ident(name)}`);
      const sink = client.query(
        copyFrom(`COPY ${ident(name)} (${columns.map(ident).join(', ')}) FROM STDIN`),
      );
      const done = new Promise<void>((resolve, reject) => {
        sink.on('finish', resolve);
        sink.on('error', reject);
      });
      let closed = false;
      for (let row = await next(); row; row = await next()) {
        if (row.length === 3 && row.toString('utf8') === '\\.\n') {
          closed = true;
          break;
        }
        // Every COPY row ends with a newline: a last line without one is a file cut short.
        if (row[row.length - 1] !== 0x0a) break;
        if (!sink.write(row)) await new Promise((r) => sink.once('drain', r));
      }
      sink.end();
      await done.catch((error: unknown) => {
        throw new BackupError(
          `damaged backup: ${name} could not be loaded (${error instanceof Error ? error.message : String(error)})`,
        );
      });
      await client.query(`ALTER TABLE ${ident(name)} ENABLE TRIGGER USER`);
      if (!closed) throw new BackupError(`damaged backup: ${name} is cut short`);
    }
    if (!end) throw new BackupError('damaged backup: the file is cut short (no END line)');

    // Sequences continue after the restored rows (audit log ids and the like).
    const { rows: sequences } = await client.query<{ seq: string; tbl: string; col: string }>(
      `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col FROM pg_depend d
         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
         JOIN pg_namespace n ON n.oid = s.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> 'migrations'`,
    );
    for (const s of sequences) {
      await client.query(
        `SELECT setval($1::regclass, coalesce((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 0) + 1, false)`,
        [s.seq],
      );
    }

    const digests: TableDigest[] = [];
    for (const expected of end.tables) {
      const table = tables.find((t) => t.name === expected.name);
      if (!table) throw new BackupError(`damaged backup: unknown table ${expected.name}`);
      const actual = await copyOut(client, table);
      if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256)
        throw new BackupError(
          `checksum mismatch in ${expected.name}: ${actual.rows} rows restored, ${expected.rows} in the backup`,
        );
      digests.push(actual);
    }
    await client.query('COMMIT');
    const upgradedWith = await migrate(url, MIGRATIONS);
    return { tables: digests, migrations: header.migrations, upgradedWith };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    input.destroy();
  }
}

async function migrate(url: string, migrations: (new () => MigrationInterface)[]) {
  const ds = new DataSource({ ...dataSourceOptions({ url }), migrations });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
