import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddNotificationsAndDigest1795457525195 implements MigrationInterface {
  name = 'AddNotificationsAndDigest1795457525195';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_states" ("user_id" uuid NOT NULL, "milestone_id" uuid NOT NULL, "kind" text NOT NULL, "planned_date" date NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "dismissed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_states_kind_check" CHECK (kind IN ('overdue', 'upcoming')), CONSTRAINT "PK_ad4ecf4c65d089e62bf4c16ec1b" PRIMARY KEY ("user_id", "milestone_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_states_milestone_idx" ON "notification_states" ("milestone_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "digest_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '1', "recipients" integer NOT NULL DEFAULT '0', "sent" integer NOT NULL DEFAULT '0', "already_sent" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "error" text, "requested_by" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "digest_runs_status_check" CHECK (status IN ('running', 'completed', 'failed')), CONSTRAINT "digest_runs_trigger_check" CHECK ("trigger" IN ('schedule', 'manual')), CONSTRAINT "PK_1fcc96bd598604450a82951a9f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "digest_runs_scheduled_period_key" ON "digest_runs" ("period") WHERE "trigger" = 'schedule'`,
    );
    await queryRunner.query(
      `CREATE TABLE "digest_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "user_id" uuid NOT NULL, "period" text NOT NULL, "email" text NOT NULL, "status" text NOT NULL, "overdue_count" integer NOT NULL DEFAULT '0', "upcoming_count" integer NOT NULL DEFAULT '0', "message_id" text, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "digest_deliveries_status_check" CHECK (status IN ('sending', 'sent', 'failed')), CONSTRAINT "PK_63ec2a093d977e1ecf99becad20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "digest_deliveries_run_idx" ON "digest_deliveries" ("run_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "digest_deliveries_user_period_key" ON "digest_deliveries" ("user_id", "period") `,
    );
    await queryRunner.query(`ALTER TABLE "actions" ADD "responsible_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "actions_responsible_idx" ON "actions" ("responsible_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_b123adb52b9e1b740988899b5c0" FOREIGN KEY ("responsible_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_states" ADD CONSTRAINT "FK_68c0fb79b17b3a38c597760f2dc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_states" ADD CONSTRAINT "FK_dec7915c992a7ba04b435f8be37" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digest_deliveries" ADD CONSTRAINT "FK_45c74881cdfc9d4e2107848a2c7" FOREIGN KEY ("run_id") REFERENCES "digest_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digest_deliveries" ADD CONSTRAINT "FK_62de7f6cec3b2695b7af5759833" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "digest_deliveries" DROP CONSTRAINT "FK_62de7f6cec3b2695b7af5759833"`,
    );
    await queryRunner.query(
      `ALTER TABLE "digest_deliveries" DROP CONSTRAINT "FK_45c74881cdfc9d4e2107848a2c7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_states" DROP CONSTRAINT "FK_dec7915c992a7ba04b435f8be37"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_states" DROP CONSTRAINT "FK_68c0fb79b17b3a38c597760f2dc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" DROP CONSTRAINT "FK_b123adb52b9e1b740988899b5c0"`,
    );
    await queryRunner.query(`DROP INDEX "public"."actions_responsible_idx"`);
    await queryRunner.query(`ALTER TABLE "actions" DROP COLUMN "responsible_id"`);
    await queryRunner.query(`DROP INDEX "public"."digest_deliveries_user_period_key"`);
    await queryRunner.query(`DROP INDEX "public"."digest_deliveries_run_idx"`);
    await queryRunner.query(`DROP TABLE "digest_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."digest_runs_scheduled_period_key"`);
    await queryRunner.query(`DROP TABLE "digest_runs"`);
    await queryRunner.query(`DROP INDEX "public"."notification_states_milestone_idx"`);
    await queryRunner.query(`DROP TABLE "notification_states"`);
  }
}
