import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface SeedReport {
  seeded: boolean;
  counts: Record<string, number>;
}

/** Loads the demo portfolio into an empty database, in one transaction. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(private readonly dataSource: DataSource) {}

  /** True when nothing has been written yet (no settings marker, no data). */
  async isEmpty(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*)::text AS n FROM app_settings WHERE key = 'demo.seeded'`,
    );
    return rows[0]?.n === '0';
  }

  async seedIfEmpty(): Promise<SeedReport> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('coopera.seed'))`);
      if (!(await this.isEmpty(manager))) return { seeded: false, counts: {} };
      const counts = await this.load(manager);
      await manager.query(
        `INSERT INTO app_settings (key, value) VALUES ('demo.seeded', $1::jsonb)`,
        [JSON.stringify({ at: new Date().toISOString(), counts })],
      );
      this.logger.log({ counts }, 'Demo data loaded');
      return { seeded: true, counts };
    });
  }

  protected async load(_manager: EntityManager): Promise<Record<string, number>> {
    return {};
  }
}
