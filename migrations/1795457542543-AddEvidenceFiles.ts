import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEvidenceFiles1795457542543 implements MigrationInterface {
  name = 'AddEvidenceFiles1795457542543';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "milestone_id" uuid, "result_id" uuid, "file_name" text NOT NULL, "media_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "evidence_files_sha256_check" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "evidence_files_size_check" CHECK (size_bytes > 0), CONSTRAINT "evidence_files_owner_check" CHECK (NOT (milestone_id IS NOT NULL AND result_id IS NOT NULL)), CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "evidence_files_milestone_idx" ON "evidence_files" ("milestone_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "evidence_files_result_idx" ON "evidence_files" ("result_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "evidence_files_action_idx" ON "evidence_files" ("action_id", "uploaded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_contents" ("evidence_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_68f22db70984c0b2d3231e4902c" PRIMARY KEY ("evidence_id"))`,
    );
    // PDFs, images and Office files are already compressed: keep them out of line uncompressed.
    await queryRunner.query(
      `ALTER TABLE "evidence_contents" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_815bef4cc08607da49dafe96617" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_79f25d153d286806f58ae77693e" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_fbd9d9b3945f0d75ed8d059f798" FOREIGN KEY ("result_id") REFERENCES "results"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_9c814a1eed0dd6b7a5bf714dcc5" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_contents" ADD CONSTRAINT "FK_68f22db70984c0b2d3231e4902c" FOREIGN KEY ("evidence_id") REFERENCES "evidence_files"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "evidence_contents" DROP CONSTRAINT "FK_68f22db70984c0b2d3231e4902c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_9c814a1eed0dd6b7a5bf714dcc5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_fbd9d9b3945f0d75ed8d059f798"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_79f25d153d286806f58ae77693e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_815bef4cc08607da49dafe96617"`,
    );
    await queryRunner.query(`DROP TABLE "evidence_contents"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_files_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_files_result_idx"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_files_milestone_idx"`);
    await queryRunner.query(`DROP TABLE "evidence_files"`);
  }
}
