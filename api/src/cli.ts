/* Coopera's command line: database migrations, drift check, demo data and user accounts. */
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildOpenApiDocument, createApp } from './app.factory';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Command, parseCommandLine } from './cli-args';
import { BackupError, backupDatabase } from './backup/backup';
import { restoreDatabase } from './backup/restore';
import { ConfigError, loadConfig } from './config/app-config';
import { createDataSource } from './db/data-source';
import { resolveDatabase } from './db/database';
import { runMigrationsLocked } from './db/migrate';
import { schemaDiff, writeMigration } from './db/schema-tools';
import { DemoSeeder } from './seed/demo-seeder';
import { createUserCommand } from './users/user-create.command';

async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => process.stderr.write(`${m}\n`));
  const ds = createDataSource({ url: db.url, timeoutMs: config.dbTimeoutMs });
  try {
    await ds.initialize();
    return await fn(ds);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.stop();
  }
}

/** The database of the configuration (DATABASE_URL, or the embedded one in DATA_DIR). */
async function withDatabaseUrl<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await resolveDatabase(config, (m) => process.stderr.write(`${m}\n`));
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}

const defaultBackupFile = () =>
  join(
    'backups',
    `coopera-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}Z.backup`,
  );

async function migrate(): Promise<number> {
  return withDataSource(async (ds) => {
    const applied = await runMigrationsLocked(ds);
    console.log(
      applied.length
        ? `Applied: ${applied.map((m) => m.name).join(', ')}`
        : 'No pending migrations.',
    );
    return 0;
  });
}

async function revert(): Promise<number> {
  return withDataSource(async (ds) => {
    await ds.undoLastMigration({ transaction: 'each' });
    console.log('Reverted the last migration.');
    return 0;
  });
}

async function generateMigration(name: string | undefined): Promise<number> {
  if (!name) {
    console.error(
      'Give the migration a PascalCase name: npm run db:migration:generate -- AddThing',
    );
    return 1;
  }
  return withDataSource(async (ds) => {
    await runMigrationsLocked(ds);
    const diff = await schemaDiff(ds);
    if (!diff.up.length) {
      console.log('Entities and migrations agree: nothing to generate.');
      return 0;
    }
    const file = writeMigration(resolve('migrations'), name, diff);
    console.log(`Wrote ${file} (${diff.up.length} statement(s)); rebuild to apply it.`);
    return 0;
  });
}

async function check(): Promise<number> {
  return withDataSource(async (ds) => {
    await runMigrationsLocked(ds);
    const diff = await schemaDiff(ds);
    if (diff.up.length) {
      console.error('Entities and migrations disagree. Missing from migrations:');
      for (const q of diff.up) console.error(`  ${q.query};`);
      console.error('Run: npm run db:migration:generate -- <Name>');
      return 1;
    }
    console.log('Entities and migrations agree.');
    return 0;
  });
}

async function seed(): Promise<number> {
  return withApp(async (app) => {
    const report = await app.get(DemoSeeder).seedIfEmpty();
    console.log(
      report.seeded
        ? `Demo data loaded: ${JSON.stringify(report.counts)}`
        : 'Database already has data: nothing loaded.',
    );
    return 0;
  });
}

async function openapi(file: string | undefined): Promise<number> {
  if (!file) {
    console.error('Usage: node dist/api/cli.js openapi <file.json>');
    return 1;
  }
  const config = {
    ...loadConfig(),
    logLevel: 'silent',
    logPretty: false,
    webDist: '/nonexistent',
    jobsEnabled: false,
  };
  const db = await resolveDatabase(config, (m) => process.stderr.write(`${m}\n`));
  try {
    const app = await createApp(config, db.url);
    await app.init();
    const document = buildOpenApiDocument(app);
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    await app.close();
    console.log(`Wrote ${file} (${Object.keys(document.paths).length} paths)`);
    return 0;
  } finally {
    await db.stop();
  }
}

async function backup(target: string | undefined): Promise<number> {
  return withDatabaseUrl(async (url) => {
    const file = resolve(target ?? defaultBackupFile());
    mkdirSync(dirname(file), { recursive: true });
    const started = Date.now();
    const report = await backupDatabase(url, file);
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Wrote ${report.file}: ${report.tables.length} tables, ${rows} rows, ${report.bytes} bytes, in ${Date.now() - started} ms`,
    );
    return 0;
  });
}

async function restore(file: string | undefined): Promise<number> {
  if (!file || !existsSync(file)) {
    console.error(file ? `No such file: ${file}` : 'Usage: npm run restore -- <backup file>');
    return 1;
  }
  return withDatabaseUrl(async (url) => {
    const started = Date.now();
    const report = await restoreDatabase(url, resolve(file));
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Restored ${report.tables.length} tables, ${rows} rows (counts and checksums verified) in ${Date.now() - started} ms` +
        (report.upgradedWith.length ? `; then applied ${report.upgradedWith.join(', ')}` : ''),
    );
    return 0;
  });
}

const RUN: Record<Command, (args: string[]) => Promise<number>> = {
  migrate,
  revert,
  'migration:generate': ([name]) => generateMigration(name),
  check,
  seed,
  openapi: ([file]) => openapi(file),
  'user:create': (args) => withApp((app) => createUserCommand(app, args)),
  backup: ([file]) => backup(file),
  restore: ([file]) => restore(file),
};

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.command === null) {
    console.error(line.message);
    return line.exitCode;
  }
  return RUN[line.command](line.args);
}

async function withApp(
  fn: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<number>,
) {
  // One-off commands never run the scheduled jobs (that is the server's work).
  const config = { ...loadConfig(), logLevel: 'warn', logPretty: false, jobsEnabled: false };
  const db = await resolveDatabase(config, (m) => process.stderr.write(`${m}\n`));
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config, databaseUrl: db.url }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    await runMigrationsLocked(app.get(DataSource));
    return await fn(app);
  } finally {
    await app.close();
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ConfigError || error instanceof BackupError
        ? error.message
        : error instanceof Error
          ? error.message
          : error,
    );
    process.exit(1);
  },
);
