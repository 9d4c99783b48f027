import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every funding record carries its amount converted to MXN, USD and EUR (full precision, NULL =
 * not convertible) and the dates of the rates used, maintained by PostgreSQL alone:
 *
 * - `coopera_funding_fx(amount, currency, value_date)` is the one definition of a conversion:
 *   the latest rate on or before the value date, MXN at 1, USD↔EUR through MXN, the same
 *   currency without a date; `(amount × rate(currency))::numeric(80, 24) ÷ rate(target)`.
 * - a BEFORE row trigger on funding (INSERT, UPDATE OF amount, currency, value_date) fills them;
 * - statement triggers on exchange_rates (INSERT, UPDATE, DELETE) recompute the records whose
 *   value date falls from the first changed rate date up to the currency's next unchanged rate
 *   (USD and EUR are reporting currencies: their rates touch records of every currency).
 *
 * A shared/exclusive advisory lock orders funding writes against rate changes, so a record
 * written while rates change is never left with a stale conversion.
 */
export class AddFundingConversions1795451815741 implements MigrationInterface {
  name = 'AddFundingConversions1795451815741';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funding" ADD "amount_mxn" numeric`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "amount_usd" numeric`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "amount_eur" numeric`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "rate_date" date`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "usd_rate_date" date`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "eur_rate_date" date`);
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_fx(p_amount numeric, p_currency char(3), p_date date)
       RETURNS TABLE (amount_mxn numeric, amount_usd numeric, amount_eur numeric,
                      rate_date date, usd_rate_date date, eur_rate_date date)
       LANGUAGE sql STABLE PARALLEL SAFE AS $$
         SELECT CASE WHEN p_currency = 'MXN' THEN p_amount
                     WHEN c.rate IS NOT NULL THEN (p_amount * c.rate)::numeric(80, 24) END,
                CASE WHEN p_currency = 'USD' THEN p_amount
                     WHEN c.rate IS NOT NULL AND u.rate_to_mxn IS NOT NULL
                     THEN (p_amount * c.rate)::numeric(80, 24) / u.rate_to_mxn END,
                CASE WHEN p_currency = 'EUR' THEN p_amount
                     WHEN c.rate IS NOT NULL AND e.rate_to_mxn IS NOT NULL
                     THEN (p_amount * c.rate)::numeric(80, 24) / e.rate_to_mxn END,
                c.rate_date, u.rate_date, e.rate_date
           FROM (SELECT 1) AS one
           LEFT JOIN LATERAL (
             SELECT r.rate_date, r.rate_to_mxn FROM public.exchange_rates r
              WHERE r.currency = 'USD' AND r.rate_date <= p_date ORDER BY r.rate_date DESC LIMIT 1
           ) u ON true
           LEFT JOIN LATERAL (
             SELECT r.rate_date, r.rate_to_mxn FROM public.exchange_rates r
              WHERE r.currency = 'EUR' AND r.rate_date <= p_date ORDER BY r.rate_date DESC LIMIT 1
           ) e ON true
           LEFT JOIN LATERAL (
             SELECT r.rate_date, r.rate_to_mxn FROM public.exchange_rates r
              WHERE p_currency NOT IN ('MXN', 'USD', 'EUR') AND r.currency = p_currency
                AND r.rate_date <= p_date ORDER BY r.rate_date DESC LIMIT 1
           ) o ON true
           CROSS JOIN LATERAL (
             SELECT CASE p_currency WHEN 'MXN' THEN NULL WHEN 'USD' THEN u.rate_date
                      WHEN 'EUR' THEN e.rate_date ELSE o.rate_date END AS rate_date,
                    CASE p_currency WHEN 'MXN' THEN 1::numeric WHEN 'USD' THEN u.rate_to_mxn
                      WHEN 'EUR' THEN e.rate_to_mxn ELSE o.rate_to_mxn END AS rate
           ) c
       $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_fx_row() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock_shared(hashtext('coopera.funding_fx'));
         SELECT x.amount_mxn, x.amount_usd, x.amount_eur, x.rate_date, x.usd_rate_date, x.eur_rate_date
           INTO NEW.amount_mxn, NEW.amount_usd, NEW.amount_eur, NEW.rate_date, NEW.usd_rate_date, NEW.eur_rate_date
           FROM public.coopera_funding_fx(NEW.amount, NEW.currency, NEW.value_date) x;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER funding_fx BEFORE INSERT OR UPDATE OF amount, currency, value_date ON funding
       FOR EACH ROW EXECUTE FUNCTION public.coopera_funding_fx_row()`,
    );
    // Recomputes, per changed currency, the records dated from its first changed rate date up to
    // (not including) its next rate after the last changed one; unchanged records are not written.
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_funding_fx_refresh(p_currencies char(3)[], p_first date[], p_last date[])
       RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_advisory_xact_lock(hashtext('coopera.funding_fx'));
         WITH rg AS MATERIALIZED (
           SELECT k.currency, k.first AS lo,
                  coalesce((SELECT min(r.rate_date) FROM public.exchange_rates r
                             WHERE r.currency = k.currency AND r.rate_date > k.last), 'infinity'::date) AS hi
             FROM unnest(p_currencies, p_first, p_last) AS k(currency, first, last)
         ),
         c AS (
           SELECT g.id, x.* FROM public.funding g
             CROSS JOIN LATERAL public.coopera_funding_fx(g.amount, g.currency, g.value_date) x
            WHERE EXISTS (SELECT 1 FROM rg WHERE g.value_date >= rg.lo AND g.value_date < rg.hi
                             AND (rg.currency IN ('USD', 'EUR') OR g.currency = rg.currency))
         )
         UPDATE public.funding f
            SET amount_mxn = c.amount_mxn, amount_usd = c.amount_usd, amount_eur = c.amount_eur,
                rate_date = c.rate_date, usd_rate_date = c.usd_rate_date, eur_rate_date = c.eur_rate_date
           FROM c
          WHERE f.id = c.id
            AND (f.amount_mxn, f.amount_usd, f.amount_eur, f.rate_date, f.usd_rate_date, f.eur_rate_date)
                IS DISTINCT FROM (c.amount_mxn, c.amount_usd, c.amount_eur, c.rate_date, c.usd_rate_date, c.eur_rate_date);
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION public.coopera_exchange_rates_fx() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         v_currencies char(3)[];
         v_first date[];
         v_last date[];
       BEGIN
         IF TG_OP = 'INSERT' THEN
           SELECT array_agg(currency), array_agg(first), array_agg(last) INTO v_currencies, v_first, v_last
             FROM (SELECT currency, min(rate_date) AS first, max(rate_date) AS last FROM new_rates GROUP BY currency) k;
         ELSIF TG_OP = 'DELETE' THEN
           SELECT array_agg(currency), array_agg(first), array_agg(last) INTO v_currencies, v_first, v_last
             FROM (SELECT currency, min(rate_date) AS first, max(rate_date) AS last FROM old_rates GROUP BY currency) k;
         ELSE
           SELECT array_agg(currency), array_agg(first), array_agg(last) INTO v_currencies, v_first, v_last
             FROM (SELECT currency, min(rate_date) AS first, max(rate_date) AS last
                     FROM (SELECT o.currency, o.rate_date FROM old_rates o JOIN new_rates n ON n.id = o.id
                            WHERE (o.currency, o.rate_date, o.rate_to_mxn) IS DISTINCT FROM (n.currency, n.rate_date, n.rate_to_mxn)
                           UNION ALL
                           SELECT n.currency, n.rate_date FROM old_rates o JOIN new_rates n ON n.id = o.id
                            WHERE (o.currency, o.rate_date, o.rate_to_mxn) IS DISTINCT FROM (n.currency, n.rate_date, n.rate_to_mxn)) ch
                    GROUP BY currency) k;
         END IF;
         IF v_currencies IS NOT NULL THEN
           PERFORM public.coopera_funding_fx_refresh(v_currencies, v_first, v_last);
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER exchange_rates_fx_insert AFTER INSERT ON exchange_rates
       REFERENCING NEW TABLE AS new_rates FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_exchange_rates_fx()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER exchange_rates_fx_update AFTER UPDATE ON exchange_rates
       REFERENCING OLD TABLE AS old_rates NEW TABLE AS new_rates FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_exchange_rates_fx()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER exchange_rates_fx_delete AFTER DELETE ON exchange_rates
       REFERENCING OLD TABLE AS old_rates FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_exchange_rates_fx()`,
    );
    // Existing records: the row trigger fills them.
    await queryRunner.query(`UPDATE funding SET amount = amount`);
    for (const c of ['mxn', 'usd', 'eur']) {
      await queryRunner.query(
        `CREATE INDEX "funding_unconverted_${c}_idx" ON "funding" ("action_id") WHERE amount_${c} IS NULL`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['eur', 'usd', 'mxn']) {
      await queryRunner.query(`DROP INDEX "public"."funding_unconverted_${c}_idx"`);
    }
    await queryRunner.query(`DROP TRIGGER exchange_rates_fx_delete ON exchange_rates`);
    await queryRunner.query(`DROP TRIGGER exchange_rates_fx_update ON exchange_rates`);
    await queryRunner.query(`DROP TRIGGER exchange_rates_fx_insert ON exchange_rates`);
    await queryRunner.query(`DROP FUNCTION public.coopera_exchange_rates_fx()`);
    await queryRunner.query(
      `DROP FUNCTION public.coopera_funding_fx_refresh(char(3)[], date[], date[])`,
    );
    await queryRunner.query(`DROP TRIGGER funding_fx ON funding`);
    await queryRunner.query(`DROP FUNCTION public.coopera_funding_fx_row()`);
    await queryRunner.query(`DROP FUNCTION public.coopera_funding_fx(numeric, char(3), date)`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "eur_rate_date"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "usd_rate_date"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "rate_date"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "amount_eur"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "amount_usd"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "amount_mxn"`);
  }
}
