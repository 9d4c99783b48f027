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
 * SHA-256 of its rows in primary-key order. Restore (restore.ts) loads every table in one transaction, checks
 * counts and checksums against the file before committing, so a damaged or truncated file leaves
 * the target without data, never half-restored.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

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

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

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
export async function copyOut(
  client: Client,
  table: TableInfo,
  sink?: Writable,
): Promise<TableDigest> {
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
