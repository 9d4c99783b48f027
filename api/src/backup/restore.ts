/* Restore of a Coopera backup (format: backup.ts) into a new, empty database. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, MigrationInterface } from 'typeorm';
// migrations/ sits at the top level (fixed layout) and is compiled into the API bundle.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';
import { dataSourceOptions } from '../db/data-source';
import {
  BACKUP_MAGIC,
  BackupError,
  BackupHeader,
  copyOut,
  ident,
  listTables,
  TableDigest,
  TableInfo,
} from './backup';

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

/** The next line of the backup (undefined at its end); a broken gzip stream is a damaged backup. */
type NextLine = () => Promise<Buffer | undefined>;

/** Opens the file, checks its magic line and reads its header (made by a version of ours). */
async function openBackup(file: string) {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = lines(input)[Symbol.asyncIterator]();
  const next: NextLine = async () => {
    try {
      const r = await reader.next();
      return r.done ? undefined : r.value;
    } catch (error) {
      throw new BackupError(
        `damaged backup: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  try {
    if ((await next())?.toString('utf8') !== `${BACKUP_MAGIC}\n`)
      throw new BackupError('not a Coopera backup (missing COOPERA-BACKUP header)');
    const header = parseJsonLine<BackupHeader>(await next(), '');
    const known = MIGRATIONS.map(migrationName);
    const isPrefix = header.migrations.every((name, i) => known[i] === name);
    if (!isPrefix)
      throw new BackupError(
        'the backup was made by a different Coopera version (its migrations are not part of this one)',
      );
    return { input, next, header };
  } catch (error) {
    input.destroy();
    throw error;
  }
}

async function assertEmpty(client: Client): Promise<void> {
  const { rows: existing } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (existing[0].n > 0)
    throw new BackupError(
      'the target database is not empty: restore into a new database (or a new DATA_DIR)',
    );
}

/** Streams the COPY rows that follow a TABLE line into the table, up to its `\.` line. */
async function copyRowsIn(client: Client, next: NextLine, name: string, columns: string[]) {
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
  return closed;
}

/** Loads every table of the file; answers its END line (each table's count and checksum). */
async function loadTables(
  client: Client,
  next: NextLine,
  tables: TableInfo[],
): Promise<{ tables: TableDigest[] }> {
  const restored: string[] = [];
  for (let line = await next(); line; line = await next()) {
    const text = line.toString('utf8');
    if (text.startsWith('END ')) return parseJsonLine<{ tables: TableDigest[] }>(line, 'END ');
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
    const closed = await copyRowsIn(client, next, name, columns);
    await client.query(`ALTER TABLE ${ident(name)} ENABLE TRIGGER USER`);
    if (!closed) throw new BackupError(`damaged backup: ${name} is cut short`);
  }
  throw new BackupError('damaged backup: the file is cut short (no END line)');
}

/** Sequences continue after the restored rows (audit log ids and the like). */
async function resetSequences(client: Client): Promise<void> {
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
}

/** Each table's rows as restored against the count and checksum the backup recorded. */
async function verifyTables(
  client: Client,
  tables: TableInfo[],
  expectedTables: TableDigest[],
): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const expected of expectedTables) {
    const table = tables.find((t) => t.name === expected.name);
    if (!table) throw new BackupError(`damaged backup: unknown table ${expected.name}`);
    const actual = await copyOut(client, table);
    if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256)
      throw new BackupError(
        `checksum mismatch in ${expected.name}: ${actual.rows} rows restored, ${expected.rows} in the backup`,
      );
    digests.push(actual);
  }
  return digests;
}

/**
 * Restores `file` into the database at `url`, which must be new (no tables): the backup's
 * migrations are applied, its rows loaded and checked in one transaction, then the newer
 * migrations of this Coopera version run. A failure leaves the schema without data.
 */
export async function restoreDatabase(url: string, file: string): Promise<RestoreReport> {
  const { input, next, header } = await openBackup(file);
  const client = new Client({ connectionString: url, application_name: 'coopera-restore' });
  try {
    await client.connect();
  } catch (error) {
    input.destroy();
    throw error;
  }
  try {
    await assertEmpty(client);
    await migrate(url, MIGRATIONS.slice(0, header.migrations.length));
    const tables = await listTables(client);
    await client.query('BEGIN');
    const end = await loadTables(client, next, tables);
    await resetSequences(client);
    const digests = await verifyTables(client, tables, end.tables);
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
