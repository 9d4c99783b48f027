import { actionConditions } from '../actions/action-filters';
import { SqlParams } from '../common/sql-scope';
import type { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { AuthUser } from '../auth/auth-user';
import type { ReportingCurrency } from '../common/money';

// The calendar lives in common/ (actions, board and notifications use it too).
export { INSTITUTE_TIME_ZONE, TODAY_SQL } from '../common/calendar-sql';

export const FUNDING_CLASSES = ['ceilings', 'committed', 'executed', 'inKind'] as const;
export type FundingClass = (typeof FUNDING_CLASSES)[number];

/** Funding types → the four key figures (never added together). */
export const FUNDING_CLASS_TYPES: Record<FundingClass, readonly string[]> = {
  ceilings: ['ceiling'],
  committed: ['commitment'],
  executed: ['disbursement', 'expenditure'],
  inKind: ['in_kind', 'prize'],
};
const typeIn = (column: string, cls: FundingClass) =>
  `${column} IN (${FUNDING_CLASS_TYPES[cls].map((t) => `'${t}'`).join(', ')})`;
/** The key figure of the funding type in `column` (PostgreSQL: coopera_funding_class). */
export const fundingClassSql = (column: string) =>
  `CASE ${FUNDING_CLASSES.map((cls) => `WHEN ${typeIn(column, cls)} THEN '${cls}'`).join(' ')} END`;

/** The actions in scope: the list's filters and the partner scoping, decided by the same SQL. */
export function scopedActions(
  filter: ActionFilterDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
  params: SqlParams,
  /** Inlined where used (an index walk joins it row by row) instead of computed once. */
  inline = false,
) {
  return `sa AS ${inline ? 'NOT MATERIALIZED ' : ''}(
    SELECT a.id, a.code, a.kind, a.status, a.modality, a.themes, a.sdgs, a.municipalities
      FROM actions a WHERE ${actionConditions(filter, user, params, 'a')}
  )`;
}

/**
 * Whether the scope is the whole portfolio: `all` (every action, archived ones included),
 * `unarchived` (every action but the archived ones, the default view), or null (filtered, or a
 * partner's). Decided from the conditions the list itself would use, so a new filter can only
 * fall back to summing the records in scope, never widen a figure.
 */
export type PortfolioScope = 'all' | 'unarchived';
export function portfolioScope(
  filter: ActionFilterDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
): PortfolioScope | null {
  const params = new SqlParams();
  const where = actionConditions(filter, user, params, 'a');
  if (params.values.length) return null;
  if (where === 'TRUE') return 'all';
  if (where === 'a.archived_at IS NULL') return 'unarchived';
  return null;
}

/**
 * A rollup of every funding record kept by triggers (migrations AddFundingTotals,
 * AddFundingYearTotals), keyed by `columns` then key figure (`cls`) and currency, with the sums
 * of funding_totals. Over the whole portfolio (`portfolioScope`) a grouping reads it instead of
 * the records, less the archived actions' records when they are out of scope.
 */
export interface Rollup {
  table: string;
  /** Its key columns → the same key read from a funding record `f` of an action `x`. */
  columns: Record<string, string>;
  /** The group key (and second key) over `t`, a row of the rollup, with `joins`. */
  key: string;
  key2?: string;
  joins?: string;
  /** Its rows that belong to the grouping (a condition on `t`, e.g. one dimension of tags). */
  where?: string;
  /**
   * The key reads the action alone (its tags): the archived actions' money is subtracted from
   * their funding_totals rows `f` (a few per action) instead of their records, with `actionJoins`
   * over the archived action `x` to read `columns`.
   */
  perAction?: boolean;
  actionJoins?: string;
}

/**
 * How a grouping reads its key(s) from an action `a` (a row of `sa`) and its money: `f`, a
 * funding record, when the key depends on the record (`perRecord`), else `t`, a row of
 * funding_totals (the action's money per key figure and currency, kept by triggers).
 */
export interface Grouping {
  /**
   * Raw key expression for money, over `a`, `f`/`t` and `moneyJoins`: money is summed per raw
   * key first, over plain (trigger-maintained) columns, and only the few sums are then mapped.
   */
  moneyKey: string;
  moneyKey2?: string;
  moneyJoins?: string;
  /** Maps the summed raw key `g.k1` to the group key: default `g.k1`. */
  moneyPostKey?: string;
  /** The key reads the funding record itself (provider, value date): summed from `funding`. */
  perRecord?: boolean;
  /** Over the whole portfolio, money is read from this rollup instead (`source` 'rollup'). */
  rollup?: Rollup;
  /**
   * `moneyKey` is an indexed uuid funding column with many values (partners): groups are ranked
   * from `weightsSql` and only those answered are summed in full (`moneySql` + `where`).
   */
  indexed?: boolean;
  /** Key expression and joins for counting actions, over `a` (null: no action count). */
  actionKey?: string;
  actionKey2?: string;
  actionFrom?: string;
  /** The action count needs DISTINCT (an action appears once per participation). */
  distinctActions?: boolean;
}

/** An array (expression `source`) as group keys; an empty one is the "not stated" (null) group. */
export const unnestKey = (source: string, cast = 'text') =>
  `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(${source}) = 0 THEN ARRAY[NULL]::${cast}[] ELSE ${source} END) AS k(value)`;

/**
 * The funding column holding each record's amount converted to `currency`: exact (numeric, the
 * latest rate on or before the value date, through MXN), NULL when it cannot be converted.
 * Maintained by PostgreSQL (migration AddFundingConversions): coopera_funding_fx() on every
 * funding write, recomputed by statement triggers whenever exchange rates change.
 */
export const CONVERTED_COLUMN: Record<ReportingCurrency, string> = {
  MXN: 'amount_mxn',
  USD: 'amount_usd',
  EUR: 'amount_eur',
};

/**
 * The whole portfolio's money per rollup key, key figure and currency, as (key columns…, cls,
 * currency, amount, converted, n, nc): the rollup (every record), less the records of archived
 * actions (few, through their index) when they are out of scope.
 */
function rollupRows(rollup: Rollup, currency: ReportingCurrency, scope: PortfolioScope): string {
  const c = currency.toLowerCase();
  const columns = Object.keys(rollup.columns);
  const kept = `SELECT ${columns.map((k) => `t.${k}`).join(', ')}, t.cls, t.currency, t.amount,
                       t.amount_${c} AS converted, t.records AS n, t.converted_${c} AS nc
                  FROM ${rollup.table} t${rollup.where ? ` WHERE ${rollup.where}` : ''}`;
  if (scope === 'all') return kept;
  const keys = Object.entries(rollup.columns).map(([k, expr]) => `${expr} AS ${k}`);
  if (rollup.perAction)
    return `${kept}
   UNION ALL
  SELECT ${keys.join(', ')}, f.cls, f.currency, -f.amount, -f.amount_${c}, -f.records,
         -f.converted_${c}
    FROM funding_totals f JOIN actions x ON x.id = f.action_id ${rollup.actionJoins ?? ''}
   WHERE x.archived_at IS NOT NULL`;
  return `${kept}
   UNION ALL
  SELECT ${keys.join(', ')}, ${fundingClassSql('f.type')}, f.currency, -f.amount,
         -coalesce(f.amount_${c}, 0), -1, -(f.amount_${c} IS NOT NULL)::int
    FROM funding f JOIN actions x ON x.id = f.action_id
   WHERE x.archived_at IS NOT NULL`;
}

/** Where a grouping's money is summed from: see `moneySql`. */
export type MoneySource = 'records' | 'actions' | 'rollup';
export function moneySource(grouping: Grouping, whole: PortfolioScope | null): MoneySource {
  if (whole && grouping.rollup) return 'rollup';
  return grouping.perRecord ? 'records' : 'actions';
}

const rollupOf = (grouping: Grouping, whole: PortfolioScope | null) => {
  if (!whole || !grouping.rollup) throw new Error('a rollup needs the whole portfolio');
  return { rollup: grouping.rollup, whole };
};

/**
 * Money per group, key figure and currency, summed from one of three sources: a grouping by what
 * an action is sums the action's rows of funding_totals (a few per action); one with a rollup
 * (provider, year) over the whole portfolio sums it (`rollupRows`); any other by what a record is
 * (`perRecord`) sums the funding records in scope per (raw key, type, currency). Either way the
 * few sums are then mapped to group keys and key figures, and rounded to the cent only once, on
 * the total. Records without a conversion (no currency, no value date, no rate) are counted as
 * unconverted, never as zero. `where` filters the rows summed (`sourceKey` names their key).
 */
export function moneySql(
  grouping: Grouping,
  scope: string,
  currency: ReportingCurrency,
  source: MoneySource,
  whole: PortfolioScope | null,
  where = 'TRUE',
): string {
  const k2 = grouping.moneyKey2 ?? 'NULL::text';
  const column = CONVERTED_COLUMN[currency];
  let sums: string;
  if (source === 'rollup') {
    const { rollup, whole: portfolio } = rollupOf(grouping, whole);
    sums = `SELECT ${rollup.key} AS k1, ${rollup.key2 ?? 'NULL::text'} AS k2, t.cls, t.currency,
              sum(t.amount) AS amount, sum(t.converted) AS converted,
              sum(t.n) AS n, sum(t.nc) AS nc
         FROM (${rollupRows(rollup, currency, portfolio)}) t ${rollup.joins ?? ''}
        WHERE ${where}
        GROUP BY 1, 2, 3, 4
       HAVING sum(t.n) > 0`;
  } else if (source === 'records') {
    sums = `SELECT ${grouping.moneyKey} AS k1, ${k2} AS k2, f.type AS cls, f.currency,
              sum(f.amount) AS amount, sum(f.${column}) AS converted,
              count(*) AS n, count(f.${column}) AS nc
         FROM funding f JOIN sa a ON a.id = f.action_id ${grouping.moneyJoins ?? ''}
        WHERE ${where}
        GROUP BY 1, 2, 3, 4`;
  } else {
    sums = `SELECT ${grouping.moneyKey} AS k1, ${k2} AS k2, t.cls, t.currency,
              sum(t.amount) AS amount, sum(t.${column}) AS converted,
              sum(t.records) AS n, sum(t.converted_${currency.toLowerCase()}) AS nc
         FROM funding_totals t JOIN sa a ON a.id = t.action_id ${grouping.moneyJoins ?? ''}
        WHERE ${where}
        GROUP BY 1, 2, 3, 4`;
  }
  return `WITH ${scope},
  g AS (${sums}),
  fg AS (
    SELECT ${grouping.moneyPostKey ?? 'g.k1'} AS k1, g.k2,
           ${source === 'records' ? fundingClassSql('g.cls') : 'g.cls'} AS cls,
           g.currency, g.amount, g.converted, g.n, g.nc
      FROM g
  )
  SELECT k1 AS "k1", k2 AS "k2", cls, currency, GROUPING(currency) = 1 AS "isTotal",
         sum(amount)::text AS amount,
         CASE WHEN sum(nc) > 0 THEN round(sum(converted), 2)::text END AS converted,
         sum(n)::int AS records,
         sum(n - nc)::int AS unconverted
    FROM fg
   -- Planned, incoming and other IATI money (classes planned/incoming/other) is no key figure.
   WHERE cls IN (${FUNDING_CLASSES.map((c) => `'${c}'`).join(', ')})
   GROUP BY GROUPING SETS ((k1, k2, cls, currency), (k1, k2, cls))`;
}

/** The raw key a source's rows are grouped by (for `where`). */
export const sourceKey = (grouping: Grouping, source: MoneySource) =>
  source === 'rollup' && grouping.rollup ? grouping.rollup.key : grouping.moneyKey;

/**
 * Each key's four totals in `currency`, rounded to the cent, for ranking groups of an indexed key
 * with many values (`grouping.indexed`, partners): one narrow pass keeping four sums per key.
 * Summing per (key, type, currency) at once holds ~35,000 numeric groups on the benchmark and
 * costs PostgreSQL about three times as much; the breakdown is then read only for the groups
 * answered, through the key's index (`moneySql` with a `where`). Over the whole portfolio both
 * read the grouping's rollup instead (`source` 'rollup'); a total is NULL when no record of it
 * converts, as when summed from the records.
 */
export function weightsSql(
  grouping: Grouping,
  scope: string,
  currency: ReportingCurrency,
  source: MoneySource,
  whole: PortfolioScope | null,
): string {
  if (source === 'rollup') {
    const { rollup, whole: portfolio } = rollupOf(grouping, whole);
    const sums = FUNDING_CLASSES.map(
      (cls) =>
        `CASE WHEN sum(t.nc) FILTER (WHERE t.cls = '${cls}') > 0
              THEN round(sum(t.converted) FILTER (WHERE t.cls = '${cls}'), 2)::text END AS "${cls}"`,
    );
    return `WITH ${scope}
  SELECT ${rollup.key}::text AS "k1", ${sums.join(', ')}
    FROM (${rollupRows(rollup, currency, portfolio)}) t ${rollup.joins ?? ''}
   GROUP BY ${rollup.key}
  HAVING sum(t.n) > 0`;
  }
  const converted = `f.${CONVERTED_COLUMN[currency]}`;
  const sums = FUNDING_CLASSES.map(
    (cls) =>
      `round(sum(${converted}) FILTER (WHERE ${typeIn('f.type', cls)}), 2)::text AS "${cls}"`,
  );
  return `WITH ${scope}
  SELECT ${grouping.moneyKey}::text AS "k1", ${sums.join(', ')}
    FROM funding f JOIN sa a ON a.id = f.action_id
   GROUP BY ${grouping.moneyKey}`;
}

/**
 * Planned disbursements in scope (funding type `planned_disbursement`, class `planned`, kept by
 * the IATI import): plans, never executed money, so no key figure reads them. Per currency and
 * in total (`isTotal`), with the span of the periods they cover.
 */
export function plannedSql(scope: string, currency: ReportingCurrency): string {
  const column = `f.${CONVERTED_COLUMN[currency]}`;
  return `WITH ${scope}
  SELECT f.currency, GROUPING(f.currency) = 1 AS "isTotal", sum(f.amount)::text AS amount,
         CASE WHEN count(${column}) > 0 THEN round(sum(${column}), 2)::text END AS converted,
         count(*)::int AS records, (count(*) - count(${column}))::int AS unconverted,
         to_char(min(coalesce(f.period_start, f.value_date)), 'YYYY-MM-DD') AS "from",
         to_char(max(coalesce(f.period_end, f.value_date)), 'YYYY-MM-DD') AS "to"
    FROM funding f JOIN sa a ON a.id = f.action_id
   WHERE f.type = 'planned_disbursement'
   GROUP BY GROUPING SETS ((f.currency), ())`;
}

const UNCONVERTED = (scope: string, currency: ReportingCurrency) => `WITH ${scope},
  bad AS (
    SELECT f.id, f.action_id, a.code, f.type, f.amount, f.currency, f.value_date,
           CASE WHEN f.currency IS NULL THEN 'currency_not_stated'
                WHEN f.value_date IS NULL THEN 'no_value_date' ELSE 'no_rate' END AS reason,
           ${fundingClassSql('f.type')} AS cls
      FROM funding f JOIN sa a ON a.id = f.action_id
     WHERE f.${CONVERTED_COLUMN[currency]} IS NULL
  )`;

/**
 * What each key figure leaves out (summary): the unconverted records in scope summed per original
 * currency and reason, never counted as zero. Reads the partial index of unconverted records.
 */
export function unconvertedSumsSql(scope: string, currency: ReportingCurrency): string {
  return `${UNCONVERTED(scope, currency)}
  SELECT cls, currency, reason, sum(amount)::text AS amount, count(*)::int AS records
    FROM bad GROUP BY 1, 2, 3
   ORDER BY cls, currency NULLS FIRST, reason`;
}

/** The unconverted records themselves, a page of them (`figure`: one key figure or every one). */
export function unconvertedSql(
  scope: string,
  currency: ReportingCurrency,
  figure: string | null,
  limit: string,
  offset: string,
): string {
  return `${UNCONVERTED(scope, currency)}
  SELECT id AS "fundingId", action_id AS "actionId", code AS "actionCode", type, amount::text AS amount,
         currency, to_char(value_date, 'YYYY-MM-DD') AS "valueDate", reason, cls AS figure,
         count(*) OVER ()::int AS "totalCount"
    FROM bad WHERE ${figure ?? 'TRUE'}
   ORDER BY value_date NULLS FIRST, code, id
   LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * The rates behind the records in scope converted to `currency`, per rate currency and source:
 * the record's own currency to MXN (`rate_date`) and, for USD and EUR, MXN to the reporting
 * currency (`usd_rate_date`, `eur_rate_date`), as stored with each conversion.
 */
export function rateSourcesSql(scope: string, currency: ReportingCurrency): string {
  const converted = `f.${CONVERTED_COLUMN[currency]} IS NOT NULL`;
  const target =
    currency === 'MXN'
      ? ''
      : `UNION ALL
    SELECT '${currency}'::char(3), f.${currency.toLowerCase()}_rate_date
      FROM funding f JOIN sa a ON a.id = f.action_id
     WHERE ${converted} AND f.currency IS DISTINCT FROM '${currency}'
       AND f.${currency.toLowerCase()}_rate_date IS NOT NULL`;
  return `WITH ${scope},
  used AS (
    SELECT f.currency AS currency, f.rate_date AS d
      FROM funding f JOIN sa a ON a.id = f.action_id
     WHERE ${converted} AND f.currency <> '${currency}' AND f.rate_date IS NOT NULL
    ${target}
  )
  SELECT r.currency, coalesce(r.source, 'manual') AS source, count(*)::int AS records,
         to_char(min(r.rate_date), 'YYYY-MM-DD') AS "from", to_char(max(r.rate_date), 'YYYY-MM-DD') AS "to"
    FROM used JOIN exchange_rates r ON r.currency = used.currency AND r.rate_date = used.d
   GROUP BY 1, 2
   ORDER BY 1, 3 DESC, 2`;
}

/** Actions in scope by kind and by status, and their distinct partners (the summary's counts). */
export function actionCountsSql(scope: string): string {
  return `WITH ${scope},
    kinds AS (SELECT 'kind' AS dim, kind AS key, count(*)::int AS n FROM sa GROUP BY kind),
    statuses AS (SELECT 'status' AS dim, status AS key, count(*)::int AS n FROM sa GROUP BY status),
    partners AS (SELECT 'partners' AS dim, NULL AS key, count(DISTINCT p.organisation_id)::int AS n
                   FROM participations p JOIN sa ON sa.id = p.action_id)
    SELECT * FROM kinds UNION ALL SELECT * FROM statuses UNION ALL SELECT * FROM partners`;
}
