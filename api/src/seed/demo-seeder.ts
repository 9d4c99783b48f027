import { inTransaction } from '../common/transaction';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DEMO_RATE_MARK, loadDemoRates } from './demo-rates';
import { DEMO_USERS } from './demo-users';
import { PORTFOLIO, PortfolioData } from './portfolio-data';
import { loadPortfolio } from './portfolio-loader';

export interface SeedReport {
  seeded: boolean;
  counts: Record<string, number>;
}

/** The demo account made responsible for the demo actions (notifications, weekly digest). */
export const DEMO_RESPONSIBLE = 'personal@coopera.demo';

/**
 * Loads the real portfolio (portfolio.data.json, read from the seed documents) into an empty
 * database, in one transaction; demo users only in demo mode. Running it again changes nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Empty: never seeded, and no organisations or actions (never mix demo data into real data). */
  async isEmpty(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: { n: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM app_settings WHERE key = 'demo.seeded')
            + (SELECT count(*) FROM organisations) + (SELECT count(*) FROM actions) AS n`,
    );
    return Number(rows[0]?.n) === 0;
  }

  async seedIfEmpty(data: PortfolioData = PORTFOLIO): Promise<SeedReport> {
    return inTransaction(this.dataSource, async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('coopera.seed'))`);
      if (!(await this.isEmpty(manager)))
        return { seeded: false, counts: await this.topUp(manager) };
      const counts = await loadPortfolio(manager, data);
      if (this.config.demoData) counts['users'] = await this.loadUsers(manager);
      await manager.query(
        `INSERT INTO app_settings (key, value) VALUES ('demo.seeded', $1::jsonb)`,
        [JSON.stringify({ at: new Date().toISOString(), counts })],
      );
      this.logger.log({ counts }, 'Demo data loaded');
      return { seeded: true, counts };
    });
  }

  /**
   * A demo database seeded before the demo rates existed gets them once (never a real database:
   * only one marked as seeded with the demo data).
   */
  private async topUp(m: EntityManager): Promise<Record<string, number>> {
    const rows: { demo: boolean; rates: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM app_settings WHERE key = 'demo.seeded') AS demo,
              EXISTS (SELECT 1 FROM exchange_rates WHERE source LIKE '%' || $1 || '%') AS rates`,
      [DEMO_RATE_MARK],
    );
    if (!rows[0].demo || rows[0].rates) return {};
    const exchangeRates = await loadDemoRates(m);
    this.logger.log({ exchangeRates }, 'Demo exchange rates loaded');
    return { exchangeRates };
  }

  private async loadUsers(m: EntityManager): Promise<number> {
    for (const user of DEMO_USERS) {
      const org = user.organisation
        ? (
            (await m.query(`SELECT id FROM organisations WHERE slug = $1`, [
              user.organisation,
            ])) as { id: string }[]
          )[0]?.id
        : null;
      await m.query(
        `INSERT INTO users (email, name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING`,
        [user.email, user.name, await hashPassword(user.password), user.role, org ?? null],
      );
    }
    // The demo staff account (the cooperation office) follows up every demo action.
    await m.query(
      `UPDATE actions SET responsible_id = (SELECT id FROM users WHERE email = $1) WHERE responsible_id IS NULL`,
      [DEMO_RESPONSIBLE],
    );
    return DEMO_USERS.length;
  }
}
