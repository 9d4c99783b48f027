import { MigrationInterface, QueryRunner } from 'typeorm';

/** A password an admin set (a temporary one) must be changed at the first sign-in. */
export class AddMustChangePassword1796600000001 implements MigrationInterface {
  name = 'AddMustChangePassword1796600000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
