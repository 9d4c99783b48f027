import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { TABLE_VERSIONS_SQL, TableVersions } from './table-versions';

export const DATA_VERSION_CHANNEL = 'coopera_data_version';
/** Sent when sessions or the users behind them change (sign-out, deactivation, role…). */
export const SESSIONS_CHANNEL = 'coopera_sessions';
const READ_SQL = `SELECT ${TABLE_VERSIONS_SQL} AS v`;
/** Backends that ended leave a row each: folded into row 0 this often. */
const COMPACT_EVERY_MS = 10 * 60_000;
const RECONNECT_MS = 1_000;

/**
 * The portfolio's data version per table (migrations AddDataVersion, KeepDataVersionPerTable),
 * which grows with every committed change to what dashboards, lists and action details read.
 *
 * - `read` (default): read with each request's session; every replica sees a commit at once.
 * - `listen`: kept in memory, forgotten when PostgreSQL notifies a commit (LISTEN), when this
 *   process answers a write, and while the listening connection is down (then read per request).
 *   Another replica's commit is seen once its notification arrives (about a millisecond later).
 *   Sessions are kept in memory too (SessionsService), dropped on channel coopera_sessions.
 */
@Injectable()
export class DataVersionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DataVersionService.name);
  private known: TableVersions | null = null;
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private closed = false;
  private compactTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly sessionWatchers = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get mode(): AppConfig['dataVersionMode'] {
    return this.config.dataVersionMode;
  }

  /** Listen mode with the notification connection up: what is kept in memory is current. */
  get isListening(): boolean {
    return this.listening;
  }

  async onModuleInit(): Promise<void> {
    if (this.mode === 'listen') await this.listen();
    this.compactTimer = setInterval(() => void this.compact(), COMPACT_EVERY_MS);
    this.compactTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.compactTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    this.listening = false;
    if (listener) await listener.end().catch(() => undefined);
  }

  /** The current version of every table (kept in memory in listen mode). */
  async current(): Promise<TableVersions> {
    if (this.known !== null) return this.known;
    const generation = this.generation;
    const rows: { v: TableVersions }[] = await this.dataSource.query(READ_SQL);
    const versions = rows[0]?.v ?? {};
    if (this.listening && generation === this.generation) this.known = versions;
    return versions;
  }

  /** Forgets the remembered version (listen mode): the next request reads it. */
  invalidate(): void {
    this.generation++;
    this.known = null;
  }

  /** Called whenever sessions kept in memory may be out of date (listen mode). */
  watchSessions(onChange: () => void): void {
    this.sessionWatchers.add(onChange);
  }

  private sessionsChanged(): void {
    for (const watcher of this.sessionWatchers) watcher();
  }

  /** Folds the rows of backends that ended into row 0 (the sums stay the same). */
  async compact(): Promise<void> {
    try {
      await this.dataSource.query(`SELECT public.coopera_compact_data_version()`);
    } catch (error) {
      this.logger.warn(`data version compaction failed: ${(error as Error).message}`);
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'coopera-listen',
    });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.invalidate();
      this.sessionsChanged();
      void client.end().catch(() => undefined);
      if (!this.closed) this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    client.on('notification', (message) => {
      if (message.channel === SESSIONS_CHANNEL) this.sessionsChanged();
      else this.invalidate();
    });
    client.on('error', lost);
    client.on('end', lost);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}; LISTEN ${SESSIONS_CHANNEL}`);
      // Commits made while not listening: the next request reads the version and sessions.
      this.invalidate();
      this.sessionsChanged();
      this.listening = true;
    } catch (error) {
      this.logger.warn(`LISTEN ${DATA_VERSION_CHANNEL} failed: ${(error as Error).message}`);
      lost();
    }
  }
}
