import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The action list's default order (last updated first, then code) as an index: a page is read
 * in order and the walk stops after it, instead of sorting every matching action (whose ties,
 * actions imported or saved together, all fell to comparing codes under the collation).
 */
export class IndexActionsListOrder1797450000001 implements MigrationInterface {
  name = 'IndexActionsListOrder1797450000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "actions_list_order_idx" ON "actions" ("updated_at" DESC NULLS LAST, "code")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "actions_list_order_idx"`);
  }
}
