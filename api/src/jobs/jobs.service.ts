import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { DigestService } from '../notifications/digest.service';

export const DIGEST_QUEUE = 'weekly-digest';
export const JOBS_SCHEMA = 'pgboss';

/**
 * Scheduled jobs through pg-boss on the app's own PostgreSQL (schema `pgboss`). Every replica
 * starts a worker; pg-boss turns each cron tick into one job (one replica per tick sends it,
 * debounced by a singleton key) and one worker takes it. The digest itself records its run per
 * week, so a duplicate job or a retry cannot send twice either.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private boss?: PgBoss;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly digest: DigestService,
    private readonly dataSource: DataSource,
  ) {}

  get running(): boolean {
    return Boolean(this.boss);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobsEnabled) return;
    const timing = this.config.jobsTiming ?? {};
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'coopera-jobs',
      max: 3,
      cronMonitorIntervalSeconds: timing.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: timing.cronWorkerIntervalSeconds ?? 5,
      clockMonitorIntervalMinutes: 10,
    });
    // pg errors carry their client (connection parameters and all): log the message and code only.
    boss.on('error', (error: Error & { code?: string }) =>
      this.logger.error({ err: error.message, code: error.code }, 'Scheduled jobs error'),
    );
    await boss.start();
    this.boss = boss;
    try {
      // Replicas starting together would deadlock creating the same queue: one at a time.
      await this.withSetupLock(async () => {
        await boss.createQueue(DIGEST_QUEUE, {
          name: DIGEST_QUEUE,
          retryLimit: 3,
          retryDelay: 300,
          retryBackoff: true,
          expireInSeconds: 30 * 60,
        });
        await boss.schedule(
          DIGEST_QUEUE,
          this.config.digestCron,
          {},
          { tz: this.config.digestTimeZone },
        );
      });
    } catch (error) {
      await this.onApplicationShutdown();
      throw error;
    }
    await boss.work(
      DIGEST_QUEUE,
      { pollingIntervalSeconds: timing.pollingIntervalSeconds ?? 10, batchSize: 1 },
      async () => {
        await this.digest.runScheduled();
      },
    );
    this.logger.log(
      { cron: this.config.digestCron, tz: this.config.digestTimeZone },
      'Scheduled jobs started (weekly digest)',
    );
  }

  private async withSetupLock(work: () => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('coopera.jobs.setup'))`);
      try {
        await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('coopera.jobs.setup'))`);
      }
    } finally {
      await runner.release();
    }
  }

  /** Queues a digest job now, as the schedule would (operations and tests). */
  async enqueueDigest(): Promise<string | null> {
    if (!this.boss) throw new Error('Scheduled jobs are not running (JOBS_ENABLED=false)');
    return this.boss.send(DIGEST_QUEUE, {});
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 });
  }
}
