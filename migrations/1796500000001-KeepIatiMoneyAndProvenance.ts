import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_TYPES = `'ceiling', 'commitment', 'disbursement', 'expenditure', 'in_kind', 'prize'`;
const NEW_TYPES = `${OLD_TYPES}, 'ceiling_superseded', 'planned_disbursement', 'incoming_funds', 'incoming_commitment', 'repayment', 'other_flow'`;

/** The key figure of a funding type; the new kinds get classes no dashboard figure reads. */
const CLASS_OF_TYPE = `CASE WHEN p_type = 'ceiling' THEN 'ceilings'
       WHEN p_type = 'commitment' THEN 'committed'
       WHEN p_type IN ('disbursement', 'expenditure') THEN 'executed'
       WHEN p_type IN ('in_kind', 'prize') THEN 'inKind'
       WHEN p_type = 'planned_disbursement' THEN 'planned'
       WHEN p_type IN ('incoming_funds', 'incoming_commitment') THEN 'incoming'
       ELSE 'other' END`;
const OLD_CLASS_OF_TYPE = `CASE WHEN p_type = 'ceiling' THEN 'ceilings'
       WHEN p_type = 'commitment' THEN 'committed'
       WHEN p_type IN ('disbursement', 'expenditure') THEN 'executed'
       WHEN p_type IN ('in_kind', 'prize') THEN 'inKind' END`;

/**
 * What real IATI files hold, kept as such (issue 16):
 *
 * - funding: the IATI kinds that are not key figures (planned disbursements, incoming funds and
 *   commitments, repayments, other flows, superseded original budgets), the transaction type code
 *   and @ref, budget and planned-disbursement periods, budget type and status; imported records
 *   may be negative (reversals net in every total);
 * - indicators: the values as written (IATI @value is text);
 * - `import_key` on funding, participations, results and indicators: the key of the imported
 *   element that created the record. A republished activity deletes only records that carry one;
 *   records made by hand (NULL) are never deleted by an import.
 *
 * coopera_funding_class gives the new kinds their own classes (planned, incoming, other), which
 * the rollups keep apart and no dashboard figure reads.
 */
export class KeepIatiMoneyAndProvenance1796500000001 implements MigrationInterface {
  name = 'KeepIatiMoneyAndProvenance1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION public.coopera_funding_class(p_type text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${CLASS_OF_TYPE} $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding"
         ADD "iati_type" text, ADD "ref" text, ADD "period_start" date, ADD "period_end" date,
         ADD "budget_type" text, ADD "budget_status" text, ADD "import_key" text`,
    );
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_type_check" CHECK (type IN (${NEW_TYPES}))`,
    );
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_amount_check"`);
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_amount_check" CHECK (amount >= 0 OR import_key IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_budget_type_check" CHECK (budget_type IN ('original', 'revised'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_budget_status_check" CHECK (budget_status IN ('indicative', 'committed'))`,
    );
    await queryRunner.query(`ALTER TABLE "participations" ADD "import_key" text`);
    await queryRunner.query(`ALTER TABLE "results" ADD "import_key" text`);
    await queryRunner.query(
      `ALTER TABLE "indicators" ADD "baseline_text" text, ADD "target_text" text, ADD "actual_text" text, ADD "import_key" text`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "indicators" DROP COLUMN "import_key", DROP COLUMN "actual_text", DROP COLUMN "target_text", DROP COLUMN "baseline_text"`,
    );
    await queryRunner.query(`ALTER TABLE "results" DROP COLUMN "import_key"`);
    await queryRunner.query(`ALTER TABLE "participations" DROP COLUMN "import_key"`);
    // The records the old schema cannot hold go (their rollup rows with them, by the triggers).
    await queryRunner.query(`DELETE FROM "funding" WHERE type NOT IN (${OLD_TYPES}) OR amount < 0`);
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_budget_status_check"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_budget_type_check"`);
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_amount_check"`);
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_amount_check" CHECK (amount >= 0)`,
    );
    await queryRunner.query(`ALTER TABLE "funding" DROP CONSTRAINT "funding_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "funding_type_check" CHECK (type IN (${OLD_TYPES}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" DROP COLUMN "import_key", DROP COLUMN "budget_status", DROP COLUMN "budget_type",
         DROP COLUMN "period_end", DROP COLUMN "period_start", DROP COLUMN "ref", DROP COLUMN "iati_type"`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION public.coopera_funding_class(p_type text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${OLD_CLASS_OF_TYPE} $$`,
    );
  }
}
