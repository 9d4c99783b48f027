import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise the embedded PostgreSQL kept in `<DATA_DIR>/postgres`. */
export async function resolveDatabase(
  config: AppConfig,
  log: (message: string) => void,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const dir = resolve(config.dataDir, 'postgres');
  const started = Date.now();
  const db = await startEmbeddedPostgres({
    dir,
    port: config.embeddedPgPort,
    database: 'coopera',
    log,
  });
  log(
    `Embedded PostgreSQL ready on port ${config.embeddedPgPort} (${dir}) in ${Date.now() - started} ms`,
  );
  return { url: db.url, embedded: true, stop: () => db.stop() };
}
