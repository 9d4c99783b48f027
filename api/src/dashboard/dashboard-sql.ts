import { actionConditions, SqlParams } from '../actions/action-filters';
import type { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { AuthUser } from '../auth/auth-user';

/** The institute's calendar: "today" and "overdue" are decided in Mexico City, by PostgreSQL. */
export const INSTITUTE_TIME_ZONE = 'America/Mexico_City';
export const TODAY_SQL = `(now() AT TIME ZONE '${INSTITUTE_TIME_ZONE}')::date`;

/** Funding types → the four key figures (never added together). */
export const FUNDING_CLASS_SQL = `CASE fg.type WHEN 'ceiling' THEN 'ceilings' WHEN 'commitment' THEN 'committed'
  WHEN 'disbursement' THEN 'executed' WHEN 'expenditure' THEN 'executed' ELSE 'inKind' END`;
export const FUNDING_CLASSES = ['ceilings', 'committed', 'executed', 'inKind'] as const;
export type FundingClass = (typeof FUNDING_CLASSES)[number];

/** The actions in scope: the list's filters and the partner scoping, decided by the same SQL. */
export function scopedActions(
  filter: ActionFilterDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
  params: SqlParams,
) {
  return `sa AS (
    SELECT a.id, a.code, a.kind, a.status, a.modality, a.themes, a.sdgs, a.municipalities
      FROM actions a WHERE ${actionConditions(filter, user, params, 'a')}
  )`;
}

/** How a grouping reads its key(s) from an action `a` (a row of `sa`) and a funding record `f`. */
export interface Grouping {
  /** Key expression for money, over `a`, `f` and `joins`. */
  moneyKey: string;
  moneyKey2?: string;
  moneyJoins?: string;
  /** Key expression and joins for counting actions, over `a` (null: no action count). */
  actionKey?: string;
  actionKey2?: string;
  actionFrom?: string;
  /** The action count needs DISTINCT (an action appears once per participation). */
  distinctActions?: boolean;
}

/** An array column as group keys; actions with none form the "not stated" (null) group. */
export const unnestKey = (column: string, cast = 'text') =>
  `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(a.${column}) = 0 THEN ARRAY[NULL]::${cast}[] ELSE a.${column} END) AS k(value)`;

/**
 * Money per group, key figure and currency. Funding is first summed per (group, type, currency,
 * value date); each distinct (currency, date) then finds its rate with a LATERAL join on the
 * latest rate on or before that date (index exchange_rates_currency_date_idx); the converted
 * amount is `amount × rate(currency) ÷ rate(target)`, kept at 24 decimals and rounded to the
 * cent only once, on the total. Records without a currency, a value date or a rate are counted
 * as unconverted, never as zero.
 */
export function moneySql(grouping: Grouping, scope: string, target: string): string {
  const k2 = grouping.moneyKey2 ?? 'NULL::text';
  return `WITH ${scope},
  fg AS (
    SELECT ${grouping.moneyKey} AS k1, ${k2} AS k2, f.type, f.currency, f.value_date,
           sum(f.amount) AS amount, count(*)::int AS n
      FROM funding f JOIN sa a ON a.id = f.action_id ${grouping.moneyJoins ?? ''}
     GROUP BY 1, 2, 3, 4, 5
  ),
  pairs AS (
    SELECT DISTINCT currency, value_date FROM fg
     WHERE currency IS NOT NULL AND currency <> ${target} AND value_date IS NOT NULL
  ),
  fx AS (
    SELECT p.currency, p.value_date,
           CASE WHEN p.currency = 'MXN' THEN 1::numeric ELSE rc.rate_to_mxn END AS rc,
           CASE WHEN ${target} = 'MXN' THEN 1::numeric ELSE rt.rate_to_mxn END AS rt
      FROM pairs p
      -- The gate inside the subquery keeps MXN (no rates, rate 1) from probing the index at all.
      LEFT JOIN LATERAL (
        SELECT r.rate_to_mxn FROM exchange_rates r
         WHERE p.currency <> 'MXN' AND r.currency = p.currency AND r.rate_date <= p.value_date
         ORDER BY r.rate_date DESC LIMIT 1
      ) rc ON p.currency <> 'MXN'
      LEFT JOIN LATERAL (
        SELECT r.rate_to_mxn FROM exchange_rates r
         WHERE ${target} <> 'MXN' AND r.currency = ${target} AND r.rate_date <= p.value_date
         ORDER BY r.rate_date DESC LIMIT 1
      ) rt ON ${target} <> 'MXN'
  ),
  conv AS (
    SELECT fg.k1, fg.k2, ${FUNDING_CLASS_SQL} AS cls, fg.currency, fg.amount, fg.n,
           CASE WHEN fg.currency = ${target} THEN fg.amount::numeric
                WHEN fx.rc IS NOT NULL AND fx.rt IS NOT NULL THEN (fg.amount * fx.rc)::numeric(80, 24) / fx.rt
           END AS converted
      FROM fg LEFT JOIN fx ON fx.currency = fg.currency AND fx.value_date = fg.value_date
  )
  SELECT k1 AS "k1", k2 AS "k2", cls, currency, GROUPING(currency) = 1 AS "isTotal",
         sum(amount)::text AS amount,
         round(sum(converted), 2)::text AS converted,
         sum(n)::int AS records,
         coalesce(sum(n) FILTER (WHERE converted IS NULL), 0)::int AS unconverted
    FROM conv
   GROUP BY GROUPING SETS ((k1, k2, cls, currency), (k1, k2, cls))`;
}

/** The unconverted records themselves (summary): at most `limit` per key figure. */
export function unconvertedSql(scope: string, target: string, limit: string): string {
  return `WITH ${scope},
  firsts AS (SELECT currency, min(rate_date) AS first_date FROM exchange_rates GROUP BY currency),
  bad AS (
    SELECT f.id, f.action_id, a.code, f.type, f.amount, f.currency, f.value_date,
           CASE WHEN f.currency IS NULL THEN 'currency_not_stated'
                WHEN f.value_date IS NULL THEN 'no_value_date' ELSE 'no_rate' END AS reason,
           CASE f.type WHEN 'ceiling' THEN 'ceilings' WHEN 'commitment' THEN 'committed'
             WHEN 'disbursement' THEN 'executed' WHEN 'expenditure' THEN 'executed' ELSE 'inKind' END AS cls
      FROM funding f JOIN sa a ON a.id = f.action_id
      LEFT JOIN firsts fc ON fc.currency = f.currency
      LEFT JOIN firsts ft ON ft.currency = ${target}
     WHERE f.currency IS NULL
        OR (f.currency <> ${target} AND (
              f.value_date IS NULL
           OR (f.currency <> 'MXN' AND (fc.first_date IS NULL OR fc.first_date > f.value_date))
           OR (${target} <> 'MXN' AND (ft.first_date IS NULL OR ft.first_date > f.value_date))))
  ),
  ranked AS (
    SELECT bad.*, row_number() OVER (PARTITION BY cls ORDER BY value_date NULLS FIRST, id) AS rn FROM bad
  )
  SELECT id AS "fundingId", action_id AS "actionId", code AS "actionCode", type, amount::text AS amount,
         currency, to_char(value_date, 'YYYY-MM-DD') AS "valueDate", reason, cls
    FROM ranked WHERE rn <= ${limit}
   ORDER BY cls, value_date NULLS FIRST, id`;
}
