import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddShareLinks1795454399431 implements MigrationInterface {
  name = 'AddShareLinks1795454399431';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "share_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "token_hash" text NOT NULL, "label" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "use_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_70320b79ecd8acab96419fcdd6d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "share_links_action_idx" ON "share_links" ("action_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "share_links_token_key" ON "share_links" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "share_links" ADD CONSTRAINT "FK_059d21b76dce484d32928be7c2b" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "share_links" DROP CONSTRAINT "FK_059d21b76dce484d32928be7c2b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."share_links_token_key"`);
    await queryRunner.query(`DROP INDEX "public"."share_links_action_idx"`);
    await queryRunner.query(`DROP TABLE "share_links"`);
  }
}
