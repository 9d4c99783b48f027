/* Coopera's command line: database migrations, drift check, demo data and user accounts. */
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildOpenApiDocument, createApp } from './app.factory';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { BackupError, backupDatabase } from './backup/backup';
import { restoreDatabase } from './backup/restore';
import { ConfigError, loadConfig } from './config/app-config';
import { createDataSource } from './db/data-source';
import { resolveDatabase } from './db/database';
import { runMigrationsLocked } from './db/migrate';
import { schemaDiff, writeMigration } from './db/schema-tools';
import { DemoSeeder } from './seed/demo-seeder';
import { createUserCommand } from './users/user-create.command';

const USAGE = `Usage: node dist/api/cli.js <command>
  migrate                     apply pending migrations
  revert                      revert the last migration
  migration:generate <Name>   write migrations/<ms>-<Name>.ts from the entity changes
  check                       fail when entities and migrations disagree
  seed                        load the demo portfolio into an empty database
  openapi <file>              write the OpenAPI document (JSON) to <file>
  user:create --role <role> --email <email> [--name <name>] [--organisation <acronym>]
  backup [file]               write a consistent backup (default backups/coopera-<UTC time>.backup)
  restore <file>              restore a backup into a new, empty database
`;

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

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate':
      return withDataSource(async (ds) => {
        const applied = await runMigrationsLocked(ds);
        console.log(
          applied.length
            ? `Applied: ${applied.map((m) => m.name).join(', ')}`
            : 'No pending migrations.',
        );
        return 0;
      });
    case 'revert':
      return withDataSource(async (ds) => {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
        return 0;
      });
    case 'migration:generate': {
      const name = args[0];
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
    case 'check':
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
    case 'seed':
      return withApp(async (app) => {
        const report = await app.get(DemoSeeder).seedIfEmpty();
        console.log(
          report.seeded
            ? `Demo data loaded: ${JSON.stringify(report.counts)}`
            : 'Database already has data: nothing loaded.',
        );
        return 0;
      });
    case 'openapi': {
      const file = args[0];
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
    case 'user:create':
      return withApp((app) => createUserCommand(app, args));
    case 'backup':
      return withDatabaseUrl(async (url) => {
        const file = resolve(args[0] ?? defaultBackupFile());
        mkdirSync(dirname(file), { recursive: true });
        const started = Date.now();
        const report = await backupDatabase(url, file);
        const rows = report.tables.reduce((n, t) => n + t.rows, 0);
        console.log(
          `Wrote ${report.file}: ${report.tables.length} tables, ${rows} rows, ${report.bytes} bytes, in ${Date.now() - started} ms`,
        );
        return 0;
      });
    case 'restore': {
      const file = args[0];
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
    default:
      console.error(USAGE);
      return command ? 1 : 0;
  }
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
