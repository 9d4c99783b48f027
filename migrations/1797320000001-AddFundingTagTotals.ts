import { MigrationInterface, QueryRunner } from 'typeorm';
import { ADD_EXCLUDED_SUMS, ROLLUP_MONEY_COLUMNS } from './1796460879384-AddFundingTotals';
import { fundingStatementTriggers } from './1796470000000-AddFundingYearTotals';

/**
 * An action's tags per dimension, as the dashboard groups them (GROUPINGS theme, sdg,
 * municipality with `unnestKey`, and status): one row per element (an SDG as text), NULL for an
 * empty array (the "not stated" group); its status (NULL: none). `a` is a row of actions (or
 * OLD/NEW in a row trigger). Keep identical.
 */
const tagsOf = (a: string) => `CROSS JOIN LATERAL (VALUES ('theme', ${a}.themes),
                              ('sdg', ${a}.sdgs::text[]),
                              ('municipality', ${a}.municipalities),
                              ('status', ARRAY[${a}.status])) AS d(dim, tags)
       CROSS JOIN LATERAL unnest(CASE WHEN cardinality(d.tags) = 0 THEN ARRAY[NULL]::text[]
                                      ELSE d.tags END) AS k(tag)`;

/**
 * Adds the signed sums of `source` — rows of (dim, tag, cls, currency, records, amount,
 * amount_mxn, amount_usd, amount_eur, converted_mxn, converted_usd, converted_eur) and a sign `s`
 * — to funding_tag_totals in key order (concurrent writers lock rows in the same order), and
 * deletes the rows left without records.
 */
const applyDelta = (source: string) => `
         INSERT INTO public.funding_tag_totals AS t
                (dim, tag, cls, currency, records, amount, amount_mxn, amount_usd, amount_eur,
                 converted_mxn, converted_usd, converted_eur)
         SELECT d.dim, d.tag, d.cls, d.currency, sum(d.s * d.records)::int, sum(d.s * d.amount),
                sum(d.s * d.amount_mxn), sum(d.s * d.amount_usd), sum(d.s * d.amount_eur),
                sum(d.s * d.converted_mxn)::int, sum(d.s * d.converted_usd)::int,
                sum(d.s * d.converted_eur)::int
           FROM (${source}) d
          GROUP BY 1, 2, 3, 4
          ORDER BY 1, 2, 3, 4
         ON CONFLICT (dim, tag, cls, currency) DO UPDATE SET
                ${ADD_EXCLUDED_SUMS};
         DELETE FROM public.funding_tag_totals WHERE records = 0;`;

/** Funding records (`table`, with a sign) under their action's tags, as delta rows. */
const records = (table: string, sign: number, where = 'TRUE') =>
  `SELECT d.dim, k.tag, public.coopera_funding_class(r.type) AS cls, r.currency, 1 AS records,
          r.amount, coalesce(r.amount_mxn, 0) AS amount_mxn, coalesce(r.amount_usd, 0) AS amount_usd,
          coalesce(r.amount_eur, 0) AS amount_eur, (r.amount_mxn IS NOT NULL)::int AS converted_mxn,
          (r.amount_usd IS NOT NULL)::int AS converted_usd,
          (r.amount_eur IS NOT NULL)::int AS converted_eur, ${sign} AS s
     FROM ${table} r JOIN public.actions a ON a.id = r.action_id ${tagsOf('a')}
    WHERE ${where}`;

/** An action's money (its funding_totals rows) under the tags of `row` (OLD or NEW), signed. */
const actionMoney = (row: string, sign: number) =>
  `SELECT d.dim, k.tag, t.cls, t.currency, t.records, t.amount, t.amount_mxn, t.amount_usd,
          t.amount_eur, t.converted_mxn, t.converted_usd, t.converted_eur, ${sign} AS s
     FROM public.funding_totals t ${tagsOf(row)}
    WHERE t.action_id = ${row}.id`;

/** Holds a tag change of the actions in `tables` until this statement's transaction ends. */
const lockActions = (...tables: string[]) =>
  `PERFORM 1 FROM public.actions
     WHERE id IN (${tables.map((t) => `SELECT action_id FROM ${t}`).join(' UNION ')})
     ORDER BY id FOR SHARE;`;

/** The funding columns whose change moves a record's money in this rollup. */
const COLUMNS = [
  'action_id',
  'type',
  'currency',
  'amount',
  'amount_mxn',
  'amount_usd',
  'amount_eur',
];

/** The statement triggers on funding that add each statement's money under its actions' tags. */
async function createFundingTriggers(q: QueryRunner) {
  const changed = `(${COLUMNS.map((c) => `o.${c}`).join(', ')})
                   IS DISTINCT FROM (${COLUMNS.map((c) => `n.${c}`).join(', ')})`;
  const moved = `r.id IN (SELECT o.id FROM old_funding o JOIN new_funding n ON n.id = o.id WHERE ${changed})`;
  await q.query(
    `CREATE FUNCTION public.coopera_funding_tag_totals_sync() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${lockActions('new_funding')}
         ${applyDelta(records('new_funding', 1))}
       ELSIF TG_OP = 'DELETE' THEN
         ${lockActions('old_funding')}
         ${applyDelta(records('old_funding', -1))}
       ELSE
         ${lockActions('old_funding', 'new_funding')}
         ${applyDelta(`${records('new_funding', 1, moved)} UNION ALL ${records('old_funding', -1, moved)}`)}
       END IF;
       RETURN NULL;
     END $$`,
  );
  await fundingStatementTriggers(q, 'funding_tag_totals', 'public.coopera_funding_tag_totals_sync');
}

/** The row trigger on actions that moves an action's money to its new tags, and TRUNCATE. */
async function createActionTriggers(q: QueryRunner) {
  await q.query(
    `CREATE FUNCTION public.coopera_action_tags_moved() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       ${applyDelta(`${actionMoney('OLD', -1)} UNION ALL ${actionMoney('NEW', 1)}`)}
       RETURN NULL;
     END $$`,
  );
  await q.query(
    `CREATE TRIGGER actions_funding_tag_totals
     AFTER UPDATE OF themes, sdgs, municipalities, status ON actions
     FOR EACH ROW WHEN ((OLD.themes, OLD.sdgs, OLD.municipalities, OLD.status)
                        IS DISTINCT FROM (NEW.themes, NEW.sdgs, NEW.municipalities, NEW.status))
     EXECUTE FUNCTION public.coopera_action_tags_moved()`,
  );
  await q.query(
    `CREATE FUNCTION public.coopera_funding_tag_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM public.funding_tag_totals;
       RETURN NULL;
     END $$`,
  );
  await q.query(
    `CREATE TRIGGER funding_tag_totals_truncate AFTER TRUNCATE ON funding
     FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_funding_tag_totals_truncate()`,
  );
}

/**
 * Money per tag of the action — theme, SDG, municipality, status (`dim`, `tag`; NULL: none
 * stated) —, key figure and currency, over every funding record: money by theme, SDG,
 * municipality and status over the whole portfolio reads these few hundred rows (less the
 * archived actions' per-action totals) instead of joining every action's funding_totals rows to
 * its tags (benchmark: 56,000–94,000 rows summed, 101–156 ms of SQL on a calm machine). Same
 * columns and meaning as funding_totals (AddFundingTotals).
 *
 * As funding_year_totals (AddFundingYearTotals) with the modality: statement triggers on funding
 * lock the actions they read FOR SHARE and add each statement's signed sums under the action's
 * tags; a row trigger on actions moves an action's money (its funding_totals rows) from its old
 * tags (or status) to its new ones. Actions with funding cannot be deleted. TRUNCATE empties the rollup.
 *
 * Lock order: triggers of one table fire in the order of their names. A funding statement writes
 * this rollup first (funding_tag_totals_* before funding_totals_* and funding_year_totals_*), and
 * so does an action's update (actions_funding_tag_totals before actions_modality_year_totals):
 * a writer and a concurrent change of an action's modality and tags never wait for each other's
 * rows in opposite orders (which would deadlock).
 */
export class AddFundingTagTotals1797320000001 implements MigrationInterface {
  name = 'AddFundingTagTotals1797320000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "funding_tag_totals" (
         "dim" text NOT NULL,
         "tag" text,
         "cls" text NOT NULL,
         "currency" character(3),
         ${ROLLUP_MONEY_COLUMNS},
         CONSTRAINT "funding_tag_totals_key" UNIQUE NULLS NOT DISTINCT ("dim", "tag", "cls", "currency")
       )`,
    );
    await q.query(
      `CREATE INDEX "funding_tag_totals_empty_idx" ON "funding_tag_totals" ("cls") WHERE records = 0`,
    );
    await createFundingTriggers(q);
    await createActionTriggers(q);
    // Existing money, under locks that hold funding writes and tag changes meanwhile.
    await q.query(`LOCK TABLE funding IN SHARE MODE`);
    await q.query(`LOCK TABLE actions IN SHARE MODE`);
    await q.query(
      applyDelta(
        `SELECT d.dim, k.tag, t.cls, t.currency, t.records, t.amount, t.amount_mxn, t.amount_usd,
                t.amount_eur, t.converted_mxn, t.converted_usd, t.converted_eur, 1 AS s
           FROM public.funding_totals t JOIN public.actions a ON a.id = t.action_id ${tagsOf('a')}`,
      ),
    );
    await q.query(`ANALYZE "funding_tag_totals"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER funding_tag_totals_truncate ON funding`);
    await q.query(`DROP TRIGGER actions_funding_tag_totals ON actions`);
    for (const op of ['insert', 'update', 'delete'])
      await q.query(`DROP TRIGGER funding_tag_totals_${op} ON funding`);
    await q.query(`DROP FUNCTION public.coopera_funding_tag_totals_truncate()`);
    await q.query(`DROP FUNCTION public.coopera_action_tags_moved()`);
    await q.query(`DROP FUNCTION public.coopera_funding_tag_totals_sync()`);
    await q.query(`DROP TABLE "funding_tag_totals"`);
  }
}
