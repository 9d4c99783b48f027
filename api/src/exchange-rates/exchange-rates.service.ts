import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import type { Page } from '../common/dto/pagination.dto';
import { AppError } from '../common/errors';
import { VersionedWriter } from '../common/versioned-write';
import { BASE_CURRENCY, convert } from '../common/money';
import { parseBanxicoCsv } from './banxico-csv';
import {
  ConversionDto,
  ConvertQueryDto,
  CreateExchangeRateDto,
  ExchangeRateDto,
  ExchangeRateListQueryDto,
  ImportChangeDto,
  ImportQueryDto,
  ImportReportDto,
  UpdateExchangeRateDto,
} from './dto/exchange-rate.dto';

/** A Banxico file read, for one currency, under one source name. */
interface RateImport {
  parsed: ReturnType<typeof parseBanxicoCsv>;
  currency: string;
  source: string;
  dryRun: boolean;
}

interface RateRow {
  id: string;
  rateDate: string;
  currency: string;
  rateToMxn: string;
  source: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, to_char(rate_date, 'YYYY-MM-DD') AS "rateDate", currency, rate_to_mxn::text AS "rateToMxn",
  source, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

const toDto = (row: RateRow): ExchangeRateDto => ({
  ...row,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

const MAX_REPORTED_CHANGES = 500;

@Injectable()
export class ExchangeRatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
  ) {}

  async list(query: ExchangeRateListQueryDto): Promise<Page<ExchangeRateDto>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.currency) where.push(`currency = $${params.push(query.currency)}`);
    if (query.from) where.push(`rate_date >= $${params.push(query.from)}::date`);
    if (query.to) where.push(`rate_date <= $${params.push(query.to)}::date`);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, count]: [RateRow[], { n: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM exchange_rates ${sql} ORDER BY rate_date DESC, currency
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, (page - 1) * pageSize],
      ),
      this.dataSource.query(`SELECT count(*)::int AS n FROM exchange_rates ${sql}`, params),
    ]);
    return { items: rows.map(toDto), total: count[0].n, page, pageSize };
  }

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExchangeRateDto> {
    const rows: RateRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM exchange_rates WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw AppError.notFound('EXCHANGE_RATE_NOT_FOUND');
    return toDto(rows[0]);
  }

  private static assertNotBase(currency: string) {
    if (currency === BASE_CURRENCY) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
        { field: 'currency', code: 'isIn', message: 'MXN is the base currency (rate 1).' },
      ]);
    }
  }

  async create(input: CreateExchangeRateDto, actor: Actor): Promise<ExchangeRateDto> {
    ExchangeRatesService.assertNotBase(input.currency);
    return inTransaction(this.dataSource, async (m) => {
      const rows: { id: string }[] = await m.query(
        `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES ($1, $2, $3, $4)
          ON CONFLICT (rate_date, currency) DO NOTHING RETURNING id`,
        [input.rateDate, input.currency, input.rateToMxn, input.source?.trim() || null],
      );
      if (!rows.length)
        throw new AppError(HttpStatus.CONFLICT, 'CONFLICT', {
          rateDate: input.rateDate,
          currency: input.currency,
        });
      const after = await this.get(rows[0].id, m);
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'exchange_rate',
        entityId: after.id,
        after,
      });
      return after;
    });
  }

  async update(id: string, input: UpdateExchangeRateDto, actor: Actor): Promise<ExchangeRateDto> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.get(id, m);
      return this.versioned.update(m, actor, {
        target: { entity: 'exchange_rate', entityId: id },
        before,
        write: () =>
          m.query(
            // (TypeORM answers a bare UPDATE with [rows, count]: the CTE makes it a plain SELECT.)
            `WITH u AS (UPDATE exchange_rates SET rate_to_mxn = $3, source = $4, version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM u`,
            [
              id,
              input.version,
              input.rateToMxn ?? before.rateToMxn,
              input.source === undefined ? before.source : input.source?.trim() || null,
            ],
          ),
        read: () => this.get(id, m),
      });
    });
  }

  async remove(id: string, version: number | undefined, actor: Actor): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const before = await this.get(id, m);
      await this.versioned.remove(m, actor, {
        target: { entity: 'exchange_rate', entityId: id },
        before,
        version,
        remove: () =>
          m.query(
            `WITH d AS (DELETE FROM exchange_rates WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING id)
             SELECT id FROM d`,
            [id, version ?? null],
          ),
      });
    });
  }

  /**
   * Banxico FIX CSV. A dry run reports what would change; a real import writes everything in one
   * transaction or nothing (any line error → IMPORT_INVALID). Importing the same file twice
   * changes nothing the second time.
   */
  async import(csv: string, query: ImportQueryDto, actor: Actor): Promise<ImportReportDto> {
    ExchangeRatesService.assertNotBase(query.currency);
    const parsed = parseBanxicoCsv(typeof csv === 'string' ? csv : '');
    const dryRun = query.dryRun ?? false;
    const source = query.source?.trim() || 'Banxico FIX';
    const input = { parsed, currency: query.currency, source, dryRun };
    if (dryRun) return (await this.planImport(this.dataSource.manager, input)).report;
    if (parsed.errors.length) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_INVALID', { errors: parsed.errors });
    }
    if (!parsed.rates.length) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_INVALID', {
        errors: [{ line: 0, code: 'empty', message: 'The file has no rates', text: '' }],
      });
    }
    return inTransaction(this.dataSource, async (m) => {
      // One import per currency at a time: the plan and the write see the same rates.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('coopera.exchange_rates.' || $1))`, [
        query.currency,
      ]);
      const { report, changes } = await this.planImport(m, input);
      if (changes.length) await this.writeImport(m, input, report, changes, actor);
      return { ...report, applied: true };
    });
  }

  /** What an import would change: each rate new or different (or of another source) than stored. */
  private async planImport(m: EntityManager, input: RateImport) {
    const { parsed, currency, source } = input;
    const existing: { rateDate: string; rate: string; source: string | null }[] = parsed.rates
      .length
      ? await m.query(
          `SELECT to_char(rate_date, 'YYYY-MM-DD') AS "rateDate", rate_to_mxn::text AS rate, source
               FROM exchange_rates WHERE currency = $1 AND rate_date = ANY($2::date[])`,
          [currency, parsed.rates.map((r) => r.rateDate)],
        )
      : [];
    const stored = new Map(existing.map((e) => [e.rateDate, e.rate]));
    // A rate of another source (the demo's, a manual one) is replaced even when equal.
    const sameSource = new Set(existing.filter((e) => e.source === source).map((e) => e.rateDate));
    const changes: ImportChangeDto[] = [];
    let created = 0;
    let changed = 0;
    for (const r of parsed.rates) {
      const previous = stored.get(r.rateDate);
      if (previous === r.rateToMxn && sameSource.has(r.rateDate)) continue;
      if (previous === undefined) created++;
      else changed++;
      changes.push({
        line: r.line,
        rateDate: r.rateDate,
        rateToMxn: r.rateToMxn,
        previous: previous ?? null,
      });
    }
    const report: ImportReportDto = {
      currency,
      dryRun: input.dryRun,
      applied: false,
      lines: parsed.lines,
      created,
      changed,
      unchanged: parsed.rates.length - created - changed,
      skipped: parsed.skipped,
      changes: changes.slice(0, MAX_REPORTED_CHANGES),
      errors: parsed.errors,
    };
    return { report, changes };
  }

  /** Writes the planned rates (an unchanged row keeps its version) and one audit entry. */
  private async writeImport(
    m: EntityManager,
    { currency, source }: RateImport,
    report: ImportReportDto,
    changes: ImportChangeDto[],
    actor: Actor,
  ): Promise<void> {
    await m.query(
      `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source)
           SELECT d, $1, r, $4 FROM unnest($2::date[], $3::numeric[]) AS t(d, r)
           ON CONFLICT (rate_date, currency) DO UPDATE
             SET rate_to_mxn = EXCLUDED.rate_to_mxn, source = EXCLUDED.source,
                 version = exchange_rates.version + 1, updated_at = now()
             WHERE (exchange_rates.rate_to_mxn, exchange_rates.source)
                   IS DISTINCT FROM (EXCLUDED.rate_to_mxn, EXCLUDED.source)`,
      [currency, changes.map((c) => c.rateDate), changes.map((c) => c.rateToMxn), source],
    );
    const dates = changes.map((c) => c.rateDate).sort();
    await this.audit.record(m, actor, {
      operation: 'create',
      entity: 'exchange_rate_import',
      entityId: randomUUID(),
      after: {
        currency,
        source,
        created: report.created,
        changed: report.changed,
        from: dates[0],
        to: dates[dates.length - 1],
      },
    });
  }

  /** One amount converted with the rates of its date (or the latest earlier ones). */
  async convert(query: ConvertQueryDto): Promise<ConversionDto> {
    const rates: ConversionDto['rates'] = [];
    const rateOf = async (currency: string) => {
      if (currency === BASE_CURRENCY) return null;
      const rows: { rateDate: string; rateToMxn: string }[] = await this.dataSource.query(
        `SELECT to_char(rate_date, 'YYYY-MM-DD') AS "rateDate", rate_to_mxn::text AS "rateToMxn"
           FROM exchange_rates WHERE currency = $1 AND rate_date <= $2::date
          ORDER BY rate_date DESC LIMIT 1`,
        [currency, query.date],
      );
      if (!rows[0]) {
        throw new AppError(HttpStatus.UNPROCESSABLE_ENTITY, 'EXCHANGE_RATE_NOT_FOUND', {
          currency,
          date: query.date,
        });
      }
      rates.push({ currency, ...rows[0] });
      return rows[0].rateToMxn;
    };
    if (query.from === query.to) {
      return { ...query, converted: convert(query.amount, null, null), rates };
    }
    const fromRate = await rateOf(query.from);
    const toRate = await rateOf(query.to);
    return { ...query, converted: convert(query.amount, fromRate, toRate), rates };
  }
}
