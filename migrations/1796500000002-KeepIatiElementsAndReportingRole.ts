import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `'funding', 'accountable', 'extending', 'implementing', 'beneficiary', 'counterpart'`;

/**
 * IATI activities keep what Coopera has no column for (issue 16, items 10–12):
 *
 * - `actions.iati`, `indicators.iati` (jsonb): the published elements Coopera does not model
 *   (recipient countries and regions, locations, sectors with their vocabularies, policy markers,
 *   document links, descriptions by type, other identifiers, related activities, contact info,
 *   narratives in every language; an indicator's baseline and every period), written back as they
 *   came on export while the fields they fed are unchanged;
 * - participation role `reporting`: the organisation that reports the activity (often the funder
 *   or lender that lists only borrowers as participants).
 */
export class KeepIatiElementsAndReportingRole1796500000002 implements MigrationInterface {
  name = 'KeepIatiElementsAndReportingRole1796500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "actions" ADD "iati" jsonb`);
    await queryRunner.query(`ALTER TABLE "indicators" ADD "iati" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "participations" DROP CONSTRAINT "participations_role_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" ADD CONSTRAINT "participations_role_check" CHECK (role IN (${ROLES}, 'reporting'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "participations" WHERE role = 'reporting'`);
    await queryRunner.query(
      `ALTER TABLE "participations" DROP CONSTRAINT "participations_role_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" ADD CONSTRAINT "participations_role_check" CHECK (role IN (${ROLES}))`,
    );
    await queryRunner.query(`ALTER TABLE "indicators" DROP COLUMN "iati"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP COLUMN "iati"`);
  }
}
