/* Writes the portfolio data (organisations, actions and their parts) into an empty database. */
import type { EntityManager } from 'typeorm';
import { loadBoardSessions, SeedBoardSession } from '../board/board-seed';
import { loadDemoRates } from './demo-rates';
import type { PortfolioData, SeedAction } from './portfolio-data';

const SEED_ACTOR = 'demo-seed';

type Counts = Record<string, number>;

/** One load: the ids given to each organisation and action key, and what was written. */
class PortfolioLoader {
  readonly counts: Counts = {
    organisations: 0,
    actions: 0,
    participations: 0,
    instruments: 0,
    funding: 0,
    milestones: 0,
    results: 0,
    indicators: 0,
  };
  private readonly orgIds = new Map<string, string>();
  private readonly orgNames = new Map<string, string>();
  private readonly actionIds = new Map<string, string>();
  private readonly sources: Map<string, string>;

  constructor(
    private readonly m: EntityManager,
    private readonly data: PortfolioData,
  ) {
    this.sources = new Map(data.sources.map((s) => [s.key, s.title]));
  }

  async organisations(): Promise<void> {
    for (const o of this.data.organisations) {
      const rows: { id: string }[] = await this.m.query(
        `INSERT INTO organisations (slug, name, acronym, type, country, iati_ref, website, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [o.key, o.name, o.acronym, o.type, o.country, o.iatiRef, o.website, o.notes],
      );
      this.orgIds.set(o.key, rows[0].id);
      this.orgNames.set(o.key, o.acronym ?? o.name);
      this.counts['organisations']++;
    }
  }

  private org(key: string | null): string | null {
    if (key === null) return null;
    const id = this.orgIds.get(key);
    if (!id) throw new Error(`Seed data refers to unknown organisation "${key}"`);
    return id;
  }

  /** An action with its parts and its audit entry. */
  async action(a: SeedAction): Promise<void> {
    const source = a.source
      ? `${this.sources.get(a.source.key) ?? a.source.key} — ${a.source.locator}`
      : null;
    const id = await this.insertAction(a, source);
    this.actionIds.set(a.code, id);
    this.counts['actions']++;
    await this.participations(id, a);
    await this.instruments(id, a);
    await this.funding(id, a);
    await this.milestones(id, a);
    await this.results(id, a);
    await this.m.query(
      `INSERT INTO audit_log (actor_email, operation, entity, entity_id, action_id, after) VALUES ($1, 'create', 'action', $2, $3, $4)`,
      [SEED_ACTOR, id, id, JSON.stringify({ code: a.code, source })],
    );
  }

  private async insertAction(a: SeedAction, source: string | null): Promise<string> {
    const rows: { id: string }[] = await this.m.query(
      `INSERT INTO actions (code, kind, institute_id, title_es, title_en, summary_es, summary_en, objectives, institute_role,
           scheme, modality, status, themes, unit, municipalities, sdgs, plan_alignment, planned_start, planned_end,
           actual_start, actual_start_precision, actual_end, actual_end_precision, parent_programme, source, notes)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26) RETURNING id`,
      [
        a.code,
        a.kind,
        this.org(a.institute),
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
    return rows[0].id;
  }

  private async participations(id: string, a: SeedAction): Promise<void> {
    for (const p of a.participations) {
      await this.m.query(
        `INSERT INTO participations (action_id, organisation_id, role, notes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [id, this.org(p.org), p.role, p.notes],
      );
      this.counts['participations']++;
    }
  }

  private async instruments(id: string, a: SeedAction): Promise<void> {
    for (const i of a.instruments) {
      await this.m.query(
        `INSERT INTO legal_instruments (action_id, type, title, parties, signed_on, signed_on_precision, valid_from, valid_to, document_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          i.type,
          i.title,
          i.parties.map((k) => this.orgNames.get(k) ?? k),
          i.signedOn,
          i.signedOnPrecision,
          i.validFrom,
          i.validTo,
          i.documentUrl,
        ],
      );
      this.counts['instruments']++;
    }
  }

  private async funding(id: string, a: SeedAction): Promise<void> {
    for (const f of a.funding) {
      await this.m.query(
        `INSERT INTO funding (action_id, type, amount, currency, value_date, value_date_precision, provider_id, receiver_id, description)
           VALUES ($1, $2, $3::numeric, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          f.type,
          f.amount,
          f.currency,
          f.valueDate,
          f.valueDatePrecision,
          this.org(f.provider),
          this.org(f.receiver),
          f.description,
        ],
      );
      this.counts['funding']++;
    }
  }

  private async milestones(id: string, a: SeedAction): Promise<void> {
    for (const ms of a.milestones) {
      // The documents report events that happened: their date is the actual date.
      await this.m.query(
        `INSERT INTO milestones (action_id, type, title, actual_date, date_precision, notes) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, ms.type, ms.title, ms.date, ms.datePrecision, ms.notes],
      );
      this.counts['milestones']++;
    }
  }

  private async results(id: string, a: SeedAction): Promise<void> {
    for (const r of a.results) {
      const result: { id: string }[] = await this.m.query(
        `INSERT INTO results (action_id, statement) VALUES ($1, $2) RETURNING id`,
        [id, r.statement],
      );
      this.counts['results']++;
      for (const ind of r.indicators) {
        await this.m.query(
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
        this.counts['indicators']++;
      }
    }
  }

  /** Related actions, once every action has its id. */
  async relations(): Promise<void> {
    for (const a of this.data.actions) {
      if (!a.relatedCodes.length) continue;
      const related = a.relatedCodes.map((code) => {
        const rid = this.actionIds.get(code);
        if (!rid) throw new Error(`Seed action ${a.code} relates to unknown code ${code}`);
        return rid;
      });
      await this.m.query(`UPDATE actions SET related_action_ids = $2 WHERE id = $1`, [
        this.actionIds.get(a.code),
        related,
      ]);
    }
  }

  async boardSessions(): Promise<Counts> {
    const board = (this.data.boardSessions ?? []) as SeedBoardSession[];
    return loadBoardSessions(this.m, board, this.orgIds, this.actionIds);
  }
}

/** Loads the whole portfolio; answers how many records of each kind were written. */
export async function loadPortfolio(m: EntityManager, data: PortfolioData): Promise<Counts> {
  const loader = new PortfolioLoader(m, data);
  const counts = loader.counts;
  // Rates first: each funding record is converted as it is written.
  counts['exchangeRates'] = await loadDemoRates(m);
  await loader.organisations();
  for (const a of data.actions) await loader.action(a);
  await loader.relations();
  Object.assign(counts, await loader.boardSessions());
  return counts;
}
