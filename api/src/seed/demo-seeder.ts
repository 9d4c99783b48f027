import { inTransaction } from '../common/transaction';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadBoardSessions, SeedBoardSession } from '../board/board-seed';
import { DEMO_RATE_MARK, loadDemoRates } from './demo-rates';
import { DEMO_USERS } from './demo-users';
import { PORTFOLIO, PortfolioData } from './portfolio-data';

export interface SeedReport {
  seeded: boolean;
  counts: Record<string, number>;
}

const SEED_ACTOR = 'demo-seed';
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
      const counts = await this.load(manager, data);
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

  protected async load(m: EntityManager, data: PortfolioData): Promise<Record<string, number>> {
    const counts: Record<string, number> = {
      organisations: 0,
      actions: 0,
      participations: 0,
      instruments: 0,
      funding: 0,
      milestones: 0,
      results: 0,
      indicators: 0,
    };
    // Rates first: each funding record is converted as it is written.
    counts['exchangeRates'] = await loadDemoRates(m);
    const orgIds = new Map<string, string>();
    const orgNames = new Map<string, string>();
    for (const o of data.organisations) {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO organisations (slug, name, acronym, type, country, iati_ref, website, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [o.key, o.name, o.acronym, o.type, o.country, o.iatiRef, o.website, o.notes],
      );
      orgIds.set(o.key, rows[0].id);
      orgNames.set(o.key, o.acronym ?? o.name);
      counts['organisations']++;
    }
    const org = (key: string | null) => {
      if (key === null) return null;
      const id = orgIds.get(key);
      if (!id) throw new Error(`Seed data refers to unknown organisation "${key}"`);
      return id;
    };
    const sources = new Map(data.sources.map((s) => [s.key, s.title]));
    const actionIds = new Map<string, string>();
    for (const a of data.actions) {
      const source = a.source
        ? `${sources.get(a.source.key) ?? a.source.key} — ${a.source.locator}`
        : null;
      const rows: { id: string }[] = await m.query(
        `INSERT INTO actions (code, kind, institute_id, title_es, title_en, summary_es, summary_en, objectives, institute_role,
           scheme, modality, status, themes, unit, municipalities, sdgs, plan_alignment, planned_start, planned_end,
           actual_start, actual_start_precision, actual_end, actual_end_precision, parent_programme, source, notes)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26) RETURNING id`,
        [
          a.code,
          a.kind,
          org(a.institute),
          a.titleEs,
          a.titleEn,
          a.summaryEs,
          a.summaryEn,
          a.objectives,
          a.instituteRole,
          a.scheme,
          a.modality,
          a.status,
          a.themes,
          a.unit,
          a.municipalities,
          a.sdgs,
          a.planAlignment,
          a.plannedStart,
          a.plannedEnd,
          a.actualStart,
          a.actualStartPrecision,
          a.actualEnd,
          a.actualEndPrecision,
          a.parentProgramme,
          source,
          a.notes,
        ],
      );
      const id = rows[0].id;
      actionIds.set(a.code, id);
      counts['actions']++;
      for (const p of a.participations) {
        await m.query(
          `INSERT INTO participations (action_id, organisation_id, role, notes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [id, org(p.org), p.role, p.notes],
        );
        counts['participations']++;
      }
      for (const i of a.instruments) {
        await m.query(
          `INSERT INTO legal_instruments (action_id, type, title, parties, signed_on, signed_on_precision, valid_from, valid_to, document_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            i.type,
            i.title,
            i.parties.map((k) => orgNames.get(k) ?? k),
            i.signedOn,
            i.signedOnPrecision,
            i.validFrom,
            i.validTo,
            i.documentUrl,
          ],
        );
        counts['instruments']++;
      }
      for (const f of a.funding) {
        await m.query(
          `INSERT INTO funding (action_id, type, amount, currency, value_date, value_date_precision, provider_id, receiver_id, description)
           VALUES ($1, $2, $3::numeric, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            f.type,
            f.amount,
            f.currency,
            f.valueDate,
            f.valueDatePrecision,
            org(f.provider),
            org(f.receiver),
            f.description,
          ],
        );
        counts['funding']++;
      }
      for (const ms of a.milestones) {
        // The documents report events that happened: their date is the actual date.
        await m.query(
          `INSERT INTO milestones (action_id, type, title, actual_date, date_precision, notes) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, ms.type, ms.title, ms.date, ms.datePrecision, ms.notes],
        );
        counts['milestones']++;
      }
      for (const r of a.results) {
        const result: { id: string }[] = await m.query(
          `INSERT INTO results (action_id, statement) VALUES ($1, $2) RETURNING id`,
          [id, r.statement],
        );
        counts['results']++;
        for (const ind of r.indicators) {
          await m.query(
            `INSERT INTO indicators (result_id, name, unit, baseline, target, actual, actual_date, notes)
             VALUES ($1, $2, $3, $4::numeric, $5::numeric, $6::numeric, $7, $8)`,
            [
              result[0].id,
              ind.name,
              ind.unit,
              ind.baseline,
              ind.target,
              ind.actual,
              ind.actualDate,
              ind.notes,
            ],
          );
          counts['indicators']++;
        }
      }
      await m.query(
        `INSERT INTO audit_log (actor_email, operation, entity, entity_id, action_id, after) VALUES ($1, 'create', 'action', $2, $3, $4)`,
        [SEED_ACTOR, id, id, JSON.stringify({ code: a.code, source })],
      );
    }
    for (const a of data.actions) {
      if (!a.relatedCodes.length) continue;
      const related = a.relatedCodes.map((code) => {
        const rid = actionIds.get(code);
        if (!rid) throw new Error(`Seed action ${a.code} relates to unknown code ${code}`);
        return rid;
      });
      await m.query(`UPDATE actions SET related_action_ids = $2 WHERE id = $1`, [
        actionIds.get(a.code),
        related,
      ]);
    }
    const board = (data.boardSessions ?? []) as SeedBoardSession[];
    Object.assign(counts, await loadBoardSessions(m, board, orgIds, actionIds));
    return counts;
  }
}
