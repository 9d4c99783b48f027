import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProgressAndBoard1795452839235 implements MigrationInterface {
  name = 'AddProgressAndBoard1795452839235';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "action_stages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "stage" text NOT NULL, "reached_on" date NOT NULL, "evidence_url" text, "notes" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "action_stages_action_stage_key" UNIQUE ("action_id", "stage"), CONSTRAINT "action_stages_stage_check" CHECK (stage IN ('planning', 'programming', 'budgeting', 'execution', 'evaluation')), CONSTRAINT "PK_a069383efe58df330eaa89c70a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "board_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "institute_id" uuid NOT NULL, "number" integer NOT NULL, "kind" text NOT NULL, "year" integer NOT NULL, "held_on" date NOT NULL, "title" text NOT NULL, CONSTRAINT "board_sessions_number_key" UNIQUE ("institute_id", "year", "kind", "number"), CONSTRAINT "board_sessions_kind_check" CHECK (kind IN ('ordinary', 'extraordinary')), CONSTRAINT "PK_7c167a48addd24435f58110ee3e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_sessions_held_idx" ON "board_sessions" ("institute_id", "held_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "session_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "action_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_1867e5100556424a87e7e7cb312" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_agenda_items_session_idx" ON "board_agenda_items" ("session_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "institute_id" uuid NOT NULL, "session_id" uuid NOT NULL, "code" text NOT NULL, "text" text NOT NULL, "responsible" text, "due_date" date, "status" text NOT NULL DEFAULT 'open', CONSTRAINT "board_agreements_code_key" UNIQUE ("institute_id", "code"), CONSTRAINT "board_agreements_status_check" CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "PK_5885756c9f72e53342fe81fe7bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_agreements_session_idx" ON "board_agreements" ("session_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "board_agreement_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "noted_on" date NOT NULL, "status" text, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "board_agreement_notes_status_check" CHECK (status IS NULL OR status IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "PK_76a40e7203da7073fbbbfc327ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "board_agreement_notes_agreement_idx" ON "board_agreement_notes" ("agreement_id", "noted_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "action_stages" ADD CONSTRAINT "FK_8f9f42673da3f2f06905b944b24" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_sessions" ADD CONSTRAINT "FK_3dcc94978d5333c84a116d94d2e" FOREIGN KEY ("institute_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agenda_items" ADD CONSTRAINT "FK_4408211125afbe223ace26d4a9c" FOREIGN KEY ("session_id") REFERENCES "board_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agreements" ADD CONSTRAINT "FK_795ad8a29ea700d3e12a2fb7c41" FOREIGN KEY ("institute_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agreements" ADD CONSTRAINT "FK_71bf7fb1ef60ee332888103de10" FOREIGN KEY ("session_id") REFERENCES "board_sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agreement_notes" ADD CONSTRAINT "FK_81cb60840f3f5eeb923160046bf" FOREIGN KEY ("agreement_id") REFERENCES "board_agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "board_agreement_notes" DROP CONSTRAINT "FK_81cb60840f3f5eeb923160046bf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agreements" DROP CONSTRAINT "FK_71bf7fb1ef60ee332888103de10"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agreements" DROP CONSTRAINT "FK_795ad8a29ea700d3e12a2fb7c41"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_agenda_items" DROP CONSTRAINT "FK_4408211125afbe223ace26d4a9c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_sessions" DROP CONSTRAINT "FK_3dcc94978d5333c84a116d94d2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_stages" DROP CONSTRAINT "FK_8f9f42673da3f2f06905b944b24"`,
    );
    await queryRunner.query(`DROP INDEX "public"."board_agreement_notes_agreement_idx"`);
    await queryRunner.query(`DROP TABLE "board_agreement_notes"`);
    await queryRunner.query(`DROP INDEX "public"."board_agreements_session_idx"`);
    await queryRunner.query(`DROP TABLE "board_agreements"`);
    await queryRunner.query(`DROP INDEX "public"."board_agenda_items_session_idx"`);
    await queryRunner.query(`DROP TABLE "board_agenda_items"`);
    await queryRunner.query(`DROP INDEX "public"."board_sessions_held_idx"`);
    await queryRunner.query(`DROP TABLE "board_sessions"`);
    await queryRunner.query(`DROP TABLE "action_stages"`);
  }
}
