import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { actionConditions } from '../actions/action-filters';
import { SqlParams } from '../common/sql-scope';
import { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DashboardService } from '../dashboard/dashboard.service';
import { BASE_CURRENCY, type ReportingCurrency } from '../common/money';
import { partnerMoneyCells, partnerMoneyColumns, PartnerRow } from './partner-money-table';
import { csvCell, csvRows, UTF8_BOM } from './csv';
import { Lang } from '../common/vocabulary';
import { ThemesService } from '../themes/themes.service';
import {
  type Cell,
  EXPORT_TABLES,
  ExportTable,
  presentation,
  TABLES,
  visibleColumns,
} from './export-tables';
import { writePartnerMoneySheet, writeTableSheet } from './export-workbook';
import { loadBundles } from './iati-bundles';
import {
  ActionBundle,
  buildActivity,
  IATI_FOOTER,
  iatiHeader,
  IatiContext,
  unpublishableReasons,
} from './iati-activity';
import { checkIatiActivity, errorsOnly } from './iati-rules';
import { serialize } from './iati-xml';

/** Rows per keyset batch (tables) and actions per batch (IATI, which loads every part). */
export const BATCH_SIZE = 1000;
export const IATI_BATCH_SIZE = 100;

type Scope = Pick<AuthUser, 'role' | 'organisationId'>;

@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly themes: ThemesService,
    private readonly dashboard: DashboardService,
  ) {}

  /**
   * Partner money of the actions of the filter: every organisation that takes part in them or
   * provides money to them, with both figures ("aportado por el socio", "en acciones donde
   * participa") per key figure in `currency`, as the dashboard computes them for the same filter.
   */
  async partnerMoney(
    filter: ActionFilterDto,
    user: Scope,
    currency: ReportingCurrency,
    lang: Lang | null,
  ) {
    const params = new SqlParams();
    const where = actionConditions(filter, user, params);
    const orgs: PartnerRow[] = await this.dataSource.query(
      `WITH sa AS (SELECT a.id FROM actions a WHERE ${where}),
            involved AS (
              SELECT p.organisation_id AS id, p.action_id FROM participations p JOIN sa ON sa.id = p.action_id
              UNION
              SELECT f.provider_id, NULL FROM funding f JOIN sa ON sa.id = f.action_id WHERE f.provider_id IS NOT NULL
            )
       SELECT o.id, o.name, o.acronym, o.type, o.country, count(DISTINCT i.action_id)::int AS actions
         FROM involved i JOIN organisations o ON o.id = i.id
        GROUP BY o.id ORDER BY o.name, o.id`,
      params.values,
    );
    const totals = await this.dashboard.partnerTotals(
      orgs.map((o) => o.id),
      { ...filter, currency },
      user,
    );
    return {
      columns: partnerMoneyColumns(currency, lang),
      rows: orgs.map((o) => partnerMoneyCells(o, totals.get(o.id), lang)),
    };
  }

  /** The partner money table as CSV (same conventions as the other tables). */
  partnerMoneyCsv(
    filter: ActionFilterDto,
    user: Scope,
    currency: ReportingCurrency,
    lang: Lang | null,
  ): Readable {
    const table = () => this.partnerMoney(filter, user, currency, lang);
    return Readable.from(
      (async function* () {
        const { columns, rows } = await table();
        yield UTF8_BOM + csvRows([columns.map((c) => csvCell(c.header, 'text'))]);
        yield csvRows(
          rows.map((row) =>
            row.map((v, i) => csvCell(v, columns[i].kind === 'money' ? 'number' : columns[i].kind)),
          ),
        );
      })(),
      { objectMode: false },
    );
  }

  /**
   * The rows of a table for the actions of the filter, in keyset batches of BATCH_SIZE: memory
   * stays flat however large the portfolio, and the first batch goes out at once.
   */
  async *batches(
    table: ExportTable,
    filter: ActionFilterDto,
    user: Scope,
  ): AsyncGenerator<Cell[][]> {
    const def = TABLES[table];
    const columns = visibleColumns(table, user.role === 'partner');
    let last: string | null = null;
    for (;;) {
      const params = new SqlParams();
      const where = actionConditions(filter, user, params);
      const after = last === null ? '' : `AND ${def.key} > ${params.add(last)}::${def.keyCast}`;
      const rows: Record<string, Cell>[] = await this.dataSource.query(
        `SELECT ${def.key}::text AS k, ${columns.map((c, i) => `${c.sql} AS c${i}`).join(', ')}
           FROM ${def.from} WHERE ${where} ${after}
          ORDER BY ${def.key} LIMIT ${BATCH_SIZE}`,
        params.values,
      );
      if (!rows.length) return;
      yield rows.map((r) => columns.map((_, i) => r[`c${i}`] ?? null));
      if (rows.length < BATCH_SIZE) return;
      last = rows[rows.length - 1].k;
    }
  }

  /** UTF-8 CSV with BOM, header row, CRLF, RFC 4180 quoting and formula escaping. */
  csv(
    table: ExportTable,
    filter: ActionFilterDto,
    user: Scope,
    lang: Lang | null = null,
  ): Readable {
    const columns = visibleColumns(table, user.role === 'partner');
    const batches = this.batches(table, filter, user);
    const labels = lang ? this.themes.labels() : Promise.resolve(null);
    return Readable.from(
      (async function* () {
        const show = presentation(columns, lang, await labels);
        yield UTF8_BOM + csvRows([show.headers.map((h) => csvCell(h, 'text'))]);
        for await (const batch of batches) {
          yield csvRows(
            batch.map((row) =>
              show
                .row(row)
                .map((v, i) =>
                  csvCell(v, columns[i].kind === 'money' ? 'number' : columns[i].kind),
                ),
            ),
          );
        }
      })(),
      { objectMode: false },
    );
  }

  /**
   * The six tables as sheets of one workbook, streamed (exceljs WorkbookWriter): typed cells,
   * frozen header, autofilter. Text that a spreadsheet could read as a formula is written as a
   * text cell (format "@") with a leading single quote, as in the CSV.
   */
  xlsx(
    filter: ActionFilterDto,
    user: Scope,
    lang: Lang | null = null,
    currency: ReportingCurrency = 'MXN',
  ): Readable {
    const out = new PassThrough();
    const write = async () => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      workbook.creator = 'Coopera';
      workbook.created = new Date();
      const labels = lang ? await this.themes.labels() : null;
      for (const name of EXPORT_TABLES) {
        const columns = visibleColumns(name, user.role === 'partner');
        const batches = this.batches(name, filter, user);
        await writeTableSheet(workbook, out, { name, columns, batches }, lang, labels);
      }
      // The people's workbook ends with both figures of each partner's money (not the template).
      if (lang)
        writePartnerMoneySheet(
          workbook,
          lang,
          await this.partnerMoney(filter, user, currency, lang),
        );
      await workbook.commit();
    };
    write().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  /** The parts of a batch of actions, as the IATI mapping needs them. */
  bundles(ids: string[]): Promise<ActionBundle[]> {
    return loadBundles(this.dataSource, ids);
  }

  iatiContext(now = new Date()): IatiContext {
    return {
      reportingOrgRef: this.config.iatiReportingOrgRef,
      today: now.toISOString().slice(0, 10),
      defaultCurrency: BASE_CURRENCY,
    };
  }

  /** The activity XML of a bundle, or the reasons it cannot be published. */
  activityXml(
    bundle: ActionBundle,
    ctx: IatiContext,
    now: Date,
  ): { xml?: string; reasons: string[] } {
    const reasons = unpublishableReasons(bundle, ctx.today);
    if (reasons.length) return { reasons };
    const activity = buildActivity(bundle, ctx);
    const errors = errorsOnly(checkIatiActivity(activity, now));
    if (errors.length) return { reasons: errors.map((e) => `IATI rule ${e.id}: ${e.message}`) };
    return { xml: serialize(activity, '  '), reasons: [] };
  }

  codeOf(id: string): Promise<{ code: string }[]> {
    return this.dataSource.query(`SELECT code FROM actions WHERE id = $1`, [id]);
  }

  /** Ids of the actions of the filter, in keyset batches (by code). */
  private async *actionIds(filter: ActionFilterDto, user: Scope, size: number) {
    let last: string | null = null;
    for (;;) {
      const params = new SqlParams();
      const where = actionConditions(filter, user, params);
      const after = last === null ? '' : `AND a.code > ${params.add(last)}`;
      const rows: { id: string; code: string }[] = await this.dataSource.query(
        `SELECT a.id, a.code FROM actions a WHERE ${where} ${after} ORDER BY a.code LIMIT ${size}`,
        params.values,
      );
      if (!rows.length) return;
      yield rows.map((r) => r.id);
      if (rows.length < size) return;
      last = rows[rows.length - 1].code;
    }
  }

  /**
   * IATI activity file for the actions of the filter (or one action). Actions IATI cannot hold
   * (no start date, no sector) are left out and listed in a closing comment. Nothing to publish
   * answers 422 IATI_NOTHING_TO_EXPORT before any byte is sent.
   */
  async iati(filter: ActionFilterDto, user: Scope, onlyId?: string): Promise<Readable> {
    const now = new Date();
    const labels = await this.themes.labels();
    const ctx: IatiContext = {
      ...this.iatiContext(now),
      themeLabel: (code) => labels.label(code, 'es'),
    };
    const omitted: { code: string; reasons: string[] }[] = [];
    const ids = onlyId ? [onlyId] : null;
    const source = ids
      ? (async function* () {
          yield ids;
        })()
      : this.actionIds(filter, user, IATI_BATCH_SIZE);
    const render = async (batch: string[]) => {
      const parts: string[] = [];
      for (const bundle of await this.bundles(batch)) {
        const { xml, reasons } = this.activityXml(bundle, ctx, now);
        if (xml) parts.push(xml);
        else omitted.push({ code: bundle.code, reasons });
      }
      return parts;
    };
    // Render until the first publishable activity, so that an empty file is never started.
    const first: string[] = [];
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      first.push(...(await render(next.value)));
      if (first.length) break;
    }
    if (!first.length) {
      throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'IATI_NOTHING_TO_EXPORT', {
        omitted: omitted.slice(0, 100),
      });
    }
    const header = iatiHeader(now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    return Readable.from(
      (async function* () {
        yield header + first.join('');
        for await (const batch of source) yield (await render(batch)).join('');
        if (omitted.length) {
          yield serialize(
            {
              comment: `Not published (IATI needs a start date and a sector): ${omitted
                .map((o) => `${o.code} (${o.reasons.join('; ')})`)
                .join(', ')}`,
            },
            '  ',
          );
        }
        yield IATI_FOOTER;
      })(),
    );
  }
}
