import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { actionConditions, SqlParams } from '../actions/action-filters';
import { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DashboardService } from '../dashboard/dashboard.service';
import { BASE_CURRENCY, type ReportingCurrency } from '../money/money';
import {
  PARTNER_MONEY_LABEL,
  partnerMoneyCells,
  partnerMoneyColumns,
  PartnerRow,
} from './partner-money-table';
import { csvCell, csvRows, needsFormulaEscape, UTF8_BOM } from './csv';
import { labelOf, Lang } from '../common/vocabulary';
import { ThemeLabels, ThemesService } from '../themes/themes.service';
import {
  EXPORT_TABLES,
  ExportColumn,
  ExportTable,
  HEADER_LABELS,
  TABLE_LABELS,
  TABLES,
  visibleColumns,
} from './export-tables';
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
type Cell = string | null;

const ORG_JSON = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('name', ${alias}.name, 'acronym', ${alias}.acronym,
     'type', ${alias}.type, 'country', ${alias}.country, 'iatiRef', ${alias}.iati_ref) END`;

const dateCell = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/**
 * How a table is written: the import template keeps the machine headers and codes the importer
 * reads (`lang` null); the people's version labels headers, sheets and coded values in `lang`.
 */
export function presentation(
  columns: ExportColumn[],
  lang: Lang | null,
  themes: ThemeLabels | null = null,
) {
  const header = (c: ExportColumn) =>
    lang ? (HEADER_LABELS[c.header]?.[lang] ?? c.header) : c.header;
  const value = (c: ExportColumn, v: Cell): Cell => {
    if (!lang || v === null || !c.vocab) return v;
    if (c.vocab === 'theme')
      return v
        .split('; ')
        .map((code) => (themes ? themes.label(code, lang) : code))
        .join('; ');
    return labelOf(c.vocab, v, lang);
  };
  return {
    headers: columns.map(header),
    row: (values: Cell[]) => values.map((v, i) => value(columns[i], v)),
  };
}

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
      for (const table of EXPORT_TABLES) {
        const columns = visibleColumns(table, user.role === 'partner');
        const show = presentation(columns, lang, labels);
        const sheet = workbook.addWorksheet(lang ? TABLE_LABELS[table][lang] : table, {
          views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
        });
        sheet.columns = columns.map((c, i) => ({
          header: show.headers[i],
          key: c.header,
          width: c.width ?? 16,
          style:
            c.kind === 'money'
              ? { numFmt: '#,##0.00' }
              : c.kind === 'date'
                ? { numFmt: 'yyyy-mm-dd' }
                : c.kind === 'datetime'
                  ? { numFmt: 'yyyy-mm-dd hh:mm:ss' }
                  : {},
        }));
        sheet.getRow(1).font = { bold: true };
        sheet.getRow(1).commit();
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
        for await (const batch of this.batches(table, filter, user)) {
          for (const values of batch) {
            const escaped: number[] = [];
            const row = sheet.addRow(
              show.row(values).map((v, i) => {
                if (v === null) return null;
                const kind = columns[i].kind;
                if (kind === 'money' || kind === 'number') return Number(v);
                if (kind === 'date') return dateCell(v);
                if (kind === 'datetime') return new Date(v);
                if (needsFormulaEscape(v)) {
                  escaped.push(i + 1);
                  return `'${v}`;
                }
                return v;
              }),
            );
            for (const col of escaped) row.getCell(col).numFmt = '@';
            row.commit();
          }
          if (out.writableNeedDrain) await once(out, 'drain');
        }
        sheet.commit();
      }
      if (lang) {
        // The people's workbook ends with both figures of each partner's money (not the template).
        const { columns, rows } = await this.partnerMoney(filter, user, currency, lang);
        const sheet = workbook.addWorksheet(PARTNER_MONEY_LABEL[lang], {
          views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
        });
        sheet.columns = columns.map((c, i) => ({
          header: c.header,
          key: `c${i}`,
          width: c.width,
          style: c.kind === 'money' ? { numFmt: '#,##0.00' } : {},
        }));
        sheet.getRow(1).font = { bold: true };
        sheet.getRow(1).commit();
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
        for (const values of rows) {
          const escaped: number[] = [];
          const row = sheet.addRow(
            values.map((v, i) => {
              if (v === null) return null;
              if (columns[i].kind !== 'text') return Number(v);
              if (needsFormulaEscape(v)) {
                escaped.push(i + 1);
                return `'${v}`;
              }
              return v;
            }),
          );
          for (const col of escaped) row.getCell(col).numFmt = '@';
          row.commit();
        }
        sheet.commit();
      }
      await workbook.commit();
    };
    write().catch((error: unknown) => out.destroy(error as Error));
    return out;
  }

  /** The parts of a batch of actions, as the IATI mapping needs them. */
  async bundles(ids: string[]): Promise<ActionBundle[]> {
    if (!ids.length) return [];
    const q = <T>(sql: string) => this.dataSource.query(sql, [ids]) as Promise<T[]>;
    const [actions, participations, funding, results, indicators, documents, instruments] =
      await Promise.all([
        q<ActionBundle & { id: string }>(
          `SELECT a.id, a.code, a.title_es AS "titleEs", a.title_en AS "titleEn", a.summary_es AS "summaryEs",
                  a.summary_en AS "summaryEn", a.objectives, a.status, a.institute_role AS "instituteRole", a.themes,
                  a.sdgs::int[] AS sdgs, to_char(a.planned_start, 'YYYY-MM-DD') AS "plannedStart",
                  to_char(a.planned_end, 'YYYY-MM-DD') AS "plannedEnd", to_char(a.actual_start, 'YYYY-MM-DD') AS "actualStart",
                  to_char(a.actual_end, 'YYYY-MM-DD') AS "actualEnd",
                  to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
                  ${ORG_JSON('i')} AS institute, a.iati
             FROM actions a LEFT JOIN organisations i ON i.id = a.institute_id
            WHERE a.id = ANY($1::uuid[]) ORDER BY a.code`,
        ),
        q<{ actionId: string }>(
          `SELECT p.action_id AS "actionId", p.role, o.name, o.acronym, o.type, o.country, o.iati_ref AS "iatiRef"
             FROM participations p JOIN organisations o ON o.id = p.organisation_id
            WHERE p.action_id = ANY($1::uuid[]) ORDER BY p.role, o.name, o.id`,
        ),
        q<{ actionId: string }>(
          `SELECT f.action_id AS "actionId", f.id, f.type, f.amount::text AS amount, f.currency,
                  to_char(f.value_date, 'YYYY-MM-DD') AS "valueDate", f.description,
                  f.iati_type AS "iatiType", f.ref, to_char(f.period_start, 'YYYY-MM-DD') AS "periodStart",
                  to_char(f.period_end, 'YYYY-MM-DD') AS "periodEnd", f.budget_type AS "budgetType",
                  f.budget_status AS "budgetStatus", f.iati,
                  ${ORG_JSON('pr')} AS provider, ${ORG_JSON('rc')} AS receiver
             FROM funding f LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id
            WHERE f.action_id = ANY($1::uuid[])
            ORDER BY f.value_date NULLS LAST, f.type, f.iati_type, f.ref, f.period_start, f.period_end, f.amount, pr.name, rc.name, f.id`,
        ),
        q<{ actionId: string; id: string }>(
          `SELECT action_id AS "actionId", id, statement FROM results
            WHERE action_id = ANY($1::uuid[])
            ORDER BY created_at, statement, length(import_key), import_key, id`,
        ),
        q<{ resultId: string }>(
          `SELECT n.result_id AS "resultId", n.id, n.name, n.unit, n.baseline::text AS baseline,
                  to_char(n.baseline_date, 'YYYY-MM-DD') AS "baselineDate", n.target::text AS target,
                  to_char(n.target_date, 'YYYY-MM-DD') AS "targetDate", n.actual::text AS actual,
                  to_char(n.actual_date, 'YYYY-MM-DD') AS "actualDate", n.baseline_text AS "baselineText",
                  n.target_text AS "targetText", n.actual_text AS "actualText", n.iati
             FROM indicators n JOIN results r ON r.id = n.result_id
            WHERE r.action_id = ANY($1::uuid[])
            ORDER BY n.created_at, n.name, length(n.import_key), n.import_key, n.id`,
        ),
        q<{ actionId: string }>(
          `SELECT action_id AS "actionId", id, title, url, result_id AS "resultId", iati FROM document_links
            WHERE action_id = ANY($1::uuid[]) ORDER BY created_at, (iati->>'position')::int, id`,
        ),
        q<{ actionId: string }>(
          `SELECT action_id AS "actionId", id, type, title, document_url AS "documentUrl" FROM legal_instruments
            WHERE action_id = ANY($1::uuid[]) ORDER BY signed_on NULLS LAST, title, id`,
        ),
      ]);
    const of = <T extends { actionId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.actionId === id).map(({ actionId: _a, ...rest }) => rest);
    return actions.map((a) => ({
      ...a,
      participations: of(participations, a.id) as unknown as ActionBundle['participations'],
      funding: of(funding, a.id) as unknown as ActionBundle['funding'],
      results: of(results, a.id).map((r) => ({
        ...(r as unknown as { id: string; statement: string }),
        indicators: indicators
          .filter((n) => n.resultId === (r as { id: string }).id)
          .map(
            ({ resultId: _r, ...n }) => n,
          ) as unknown as ActionBundle['results'][number]['indicators'],
      })),
      documents: of(documents, a.id) as unknown as ActionBundle['documents'],
      instruments: of(instruments, a.id) as unknown as ActionBundle['instruments'],
    }));
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
