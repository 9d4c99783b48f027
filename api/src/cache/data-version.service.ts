import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';

export const DATA_VERSION_CHANNEL = 'coopera_data_version';
const READ_SQL = `SELECT sum(n)::text AS v FROM data_version`;
/** Backends that ended leave a row each: folded into row 0 this often. */
const COMPACT_EVERY_MS = 10 * 60_000;
const RECONNECT_MS = 1_000;

/**
 * The portfolio's data version (migration AddDataVersion), which grows with every committed
 * change to what dashboards, lists and action details read.
 *
 * - `read` (default): one small read per request; every replica sees a commit at once.
 * - `listen`: kept in memory, forgotten when PostgreSQL notifies a commit (LISTEN), when this
 *   process answers a write, and while the listening connection is down (then read per request).
 *   Another replica's commit is seen once its notification arrives (about a millisecond later).
 */
@Injectable()
export class DataVersionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DataVersionService.name);
  private known: string | null = null;
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private closed = false;
  private compactTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  get mode(): AppConfig['dataVersionMode'] {
    return this.config.dataVersionMode;
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

  /** The current data version, as a decimal string. */
  async current(): Promise<string> {
    if (this.known !== null) return this.known;
    const generation = this.generation;
    const rows: { v: string }[] = await this.dataSource.query(READ_SQL);
    const version = rows[0]?.v ?? '0';
    if (this.listening && generation === this.generation) this.known = version;
    return version;
  }

  /** Forgets the remembered version (listen mode): the next request reads it. */
  invalidate(): void {
    this.generation++;
    this.known = null;
  }

  /** Folds the rows of backends that ended into row 0 (the sum stays the same). */
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
      void client.end().catch(() => undefined);
      if (!this.closed) this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_MS);
    };
    client.on('notification', () => this.invalidate());
    client.on('error', lost);
    client.on('end', lost);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`);
      // Commits made while not listening: the next request reads the version.
      this.invalidate();
      this.listening = true;
    } catch (error) {
      this.logger.warn(`LISTEN ${DATA_VERSION_CHANNEL} failed: ${(error as Error).message}`);
      lost();
    }
  }
}
