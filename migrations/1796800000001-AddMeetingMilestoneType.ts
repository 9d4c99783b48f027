import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'application', 'selection_notice', 'agreement_signed', 'kickoff', 'technical_visit', 'workshop', 'study_delivered', 'pilot', 'launch', 'closure', 'other'`;
const AFTER = `'application', 'selection_notice', 'agreement_signed', 'kickoff', 'technical_visit', 'meeting', 'workshop', 'study_delivered', 'pilot', 'launch', 'closure', 'other'`;

/** The milestone type `meeting` (reunión), the most common event of cooperation work. */
export class AddMeetingMilestoneType1796800000001 implements MigrationInterface {
  name = 'AddMeetingMilestoneType1796800000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_type_check" CHECK (type IN (${AFTER}))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "milestones" SET type = 'other' WHERE type = 'meeting'`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_type_check" CHECK (type IN (${BEFORE}))`,
    );
  }
}
