import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open milestones in date order, then id, with their action: the dashboard's overdue and
 * upcoming lists walk it and stop at their limit, and the counts (the summary's overdue figure,
 * the panel's totals) read it without visiting the table (an index-only scan joined to the
 * actions in scope). Replaces the index on the date alone.
 */
export class IndexOpenMilestones1797600000001 implements MigrationInterface {
  name = 'IndexOpenMilestones1797600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "milestones_open_idx"`);
    await queryRunner.query(
      `CREATE INDEX "milestones_open_idx" ON "milestones" ("planned_date", "id") INCLUDE ("action_id") WHERE actual_date IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "milestones_open_idx"`);
    await queryRunner.query(
      `CREATE INDEX "milestones_open_idx" ON "milestones" ("planned_date") WHERE actual_date IS NULL`,
    );
  }
}
