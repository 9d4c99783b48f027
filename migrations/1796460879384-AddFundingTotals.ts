import { MigrationInterface, QueryRunner } from 'typeorm';

/** The four key figures' SQL; must match FUNDING_CLASS_TYPES in api/src/dashboard/dashboard-sql.ts. */
const CLASS_OF_TYPE = `CASE WHEN p_type = 'ceiling' THEN 'ceilings'
       WHEN p_type = 'commitment' THEN 'committed'
       WHEN p_type IN ('disbursement', 'expenditure') THEN 'executed'
       WHEN p_type IN ('in_kind', 'prize') THEN 'inKind' END`;

/**
 * Every rollup's money columns (records, amount in the records' own currency, the sums of their
 * conversions and how many convert) and its upsert's SET list adding EXCLUDED's sums to row `t`:
 * shared with AddFundingYearTotals and AddFundingTagTotals (this migration's SQL is as it was).
 */
export const ROLLUP_MONEY_COLUMNS = `"records" integer NOT NULL,
           "amount" numeric NOT NULL,
           "amount_mxn" numeric NOT NULL,
           "amount_usd" numeric NOT NULL,
           "amount_eur" numeric NOT NULL,
           "converted_mxn" integer NOT NULL,
           "converted_usd" integer NOT NULL,
           "converted_eur" integer NOT NULL`;
export const ADD_EXCLUDED_SUMS = `records = t.records + EXCLUDED.records,
                amount = t.amount + EXCLUDED.amount,
                amount_mxn = t.amount_mxn + EXCLUDED.amount_mxn,
                amount_usd = t.amount_usd + EXCLUDED.amount_usd,
                amount_eur = t.amount_eur + EXCLUDED.amount_eur,
                converted_mxn = t.converted_mxn + EXCLUDED.converted_mxn,
                converted_usd = t.converted_usd + EXCLUDED.converted_usd,
                converted_eur = t.converted_eur + EXCLUDED.converted_eur`;

/** The two rollups: per action (scoped dashboards) and per provider (the whole portfolio). */
const ROLLUPS = [
  { table: 'funding_totals', key: 'action_id' },
  { table: 'funding_provider_totals', key: 'provider_id' },
];

/** Adds the signed sums of `source` (rows of funding with a sign `s`) to a rollup. */
const applyDeltaTo = ({ table, key }: (typeof ROLLUPS)[number], source: string) => `
         INSERT INTO public.${table} AS t
                (${key}, cls, currency, records, amount, amount_mxn, amount_usd, amount_eur,
                 converted_mxn, converted_usd, converted_eur)
         SELECT d.${key}, public.coopera_funding_class(d.type), d.currency, sum(d.s)::int,
                sum(d.s * d.amount), coalesce(sum(d.s * d.amount_mxn), 0),
                coalesce(sum(d.s * d.amount_usd), 0), coalesce(sum(d.s * d.amount_eur), 0),
                coalesce(sum(d.s) FILTER (WHERE d.amount_mxn IS NOT NULL), 0)::int,
                coalesce(sum(d.s) FILTER (WHERE d.amount_usd IS NOT NULL), 0)::int,
                coalesce(sum(d.s) FILTER (WHERE d.amount_eur IS NOT NULL), 0)::int
           FROM (${source}) d
          GROUP BY 1, 2, 3
          ORDER BY 1, 2, 3
         ON CONFLICT (${key}, cls, currency) DO UPDATE SET
                ${ADD_EXCLUDED_SUMS};
         DELETE FROM public.${table} WHERE records = 0;`;
const applyDelta = (source: string) => ROLLUPS.map((r) => applyDeltaTo(r, source)).join('\n');

const MONEY_COLUMNS = [
  'action_id',
  'provider_id',
  'type',
  'currency',
  'amount',
  'amount_mxn',
  'amount_usd',
  'amount_eur',
];
const COLUMNS = MONEY_COLUMNS.join(', ');

/**
 * Money per key figure and currency, summed ahead by PostgreSQL alone in two rollups:
 *
 * - `funding_totals`, per action: dashboards grouping by what an action is (status, theme, SDG,
 *   municipality, the key figures themselves) sum a few rows per action instead of every money
 *   record (benchmark: 79,000 rows for 200,000 records);
 * - `funding_provider_totals`, per provider, over every record: money by partner and by partner
 *   type over the whole portfolio read it (benchmark: 25,000 rows), less the records of archived
 *   actions (few, through their index).
 *
 * In both, `records` and `amount` count and sum the records in their own currency; `amount_<c>`
 * sums their stored conversions (funding.amount_<c>, exact) and `converted_<c>` counts the records
 * that have one: a total is NULL when no record converts, and `records − converted_<c>` are
 * reported as unconverted, never as zero.
 *
 * AFTER statement triggers on funding (INSERT, UPDATE, DELETE; transition tables) add each
 * statement's signed sums, grouped by key, with one upsert per rollup in key order (concurrent
 * writers lock rows in the same order); an UPDATE counts only the records whose key or money
 * changed; rows left with no record are deleted. Exchange-rate changes reach them through the
 * funding UPDATEs that recompute the stored conversions (AddFundingConversions). TRUNCATE empties
 * them. Backups copy them as they are (user triggers are off while restoring), consistent with the
 * funding rows restored beside them.
 */
export class AddFundingTotals1796460879384 implements MigrationInterface {
  name = 'AddFundingTotals1796460879384';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_class(p_type text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${CLASS_OF_TYPE} $$`,
    );
    for (const { table, key } of ROLLUPS) {
      await queryRunner.query(
        `CREATE TABLE "${table}" (
           "${key}" uuid${key === 'action_id' ? ' NOT NULL' : ''},
           "cls" text NOT NULL,
           "currency" character(3),
           ${ROLLUP_MONEY_COLUMNS},
           CONSTRAINT "${table}_key" UNIQUE NULLS NOT DISTINCT ("${key}", "cls", "currency")
         )`,
      );
      await queryRunner.query(
        `CREATE INDEX "${table}_empty_idx" ON "${table}" ("cls") WHERE records = 0`,
      );
    }
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           ${applyDelta(`SELECT ${COLUMNS}, 1 AS s FROM new_funding`)}
         ELSIF TG_OP = 'DELETE' THEN
           ${applyDelta(`SELECT ${COLUMNS}, -1 AS s FROM old_funding`)}
         ELSE
           ${applyDelta(
             `WITH changed AS (
                SELECT o.id FROM old_funding o JOIN new_funding n ON n.id = o.id
                 WHERE (${MONEY_COLUMNS.map((c) => `o.${c}`).join(', ')})
                       IS DISTINCT FROM (${MONEY_COLUMNS.map((c) => `n.${c}`).join(', ')}))
              SELECT ${COLUMNS}, 1 AS s FROM new_funding WHERE id IN (SELECT id FROM changed)
              UNION ALL
              SELECT ${COLUMNS}, -1 AS s FROM old_funding WHERE id IN (SELECT id FROM changed)`,
           )}
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER funding_totals_insert AFTER INSERT ON funding
       REFERENCING NEW TABLE AS new_funding FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_funding_totals_sync()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER funding_totals_update AFTER UPDATE ON funding
       REFERENCING OLD TABLE AS old_funding NEW TABLE AS new_funding FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_funding_totals_sync()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER funding_totals_delete AFTER DELETE ON funding
       REFERENCING OLD TABLE AS old_funding FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_funding_totals_sync()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM public.funding_totals;
         DELETE FROM public.funding_provider_totals;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER funding_totals_truncate AFTER TRUNCATE ON funding
       FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_funding_totals_truncate()`,
    );
    // Existing records, under a lock that holds funding writes until the totals are in place.
    await queryRunner.query(`LOCK TABLE funding IN SHARE MODE`);
    for (const rollup of ROLLUPS)
      await queryRunner.query(applyDeltaTo(rollup, `SELECT ${COLUMNS}, 1 AS s FROM funding`));
    await queryRunner.query(`ANALYZE "funding_totals"`);
    await queryRunner.query(`ANALYZE "funding_provider_totals"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER funding_totals_truncate ON funding`);
    await queryRunner.query(`DROP TRIGGER funding_totals_delete ON funding`);
    await queryRunner.query(`DROP TRIGGER funding_totals_update ON funding`);
    await queryRunner.query(`DROP TRIGGER funding_totals_insert ON funding`);
    await queryRunner.query(`DROP FUNCTION public.coopera_funding_totals_truncate()`);
    await queryRunner.query(`DROP FUNCTION public.coopera_funding_totals_sync()`);
    await queryRunner.query(`DROP TABLE "funding_provider_totals"`);
    await queryRunner.query(`DROP TABLE "funding_totals"`);
    await queryRunner.query(`DROP FUNCTION public.coopera_funding_class(text)`);
  }
}
