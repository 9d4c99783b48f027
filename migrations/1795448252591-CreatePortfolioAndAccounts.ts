import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePortfolioAndAccounts1795448252591 implements MigrationInterface {
  name = 'CreatePortfolioAndAccounts1795448252591';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "acronym" text, "type" text NOT NULL, "country" character(2), "iati_ref" text, "website" text, "notes" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisations_country_check" CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations" ("slug") `,
    );
    await queryRunner.query(`CREATE INDEX "organisations_type_idx" ON "organisations" ("type") `);
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), $1, $2, $3, $4, $5)`,
      [
        'public',
        'actions',
        'GENERATED_COLUMN',
        'search_text',
        "coopera_fold(coalesce(code, '') || ' ' || coalesce(title_es, '') || ' ' || coalesce(title_en, '') || ' ' || coalesce(summary_es, '') || ' ' || coalesce(summary_en, ''))",
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "institute_id" uuid, "title_es" text NOT NULL, "title_en" text, "summary_es" text, "summary_en" text, "objectives" text, "institute_role" text NOT NULL, "scheme" text, "modality" text, "status" text, "themes" text array NOT NULL DEFAULT '{}', "unit" text, "municipalities" text array NOT NULL DEFAULT '{}', "sdgs" smallint array NOT NULL DEFAULT '{}', "plan_alignment" text array NOT NULL DEFAULT '{}', "planned_start" date, "planned_end" date, "actual_start" date, "actual_start_precision" text, "actual_end" date, "actual_end_precision" text, "parent_programme" text, "related_action_ids" uuid array NOT NULL DEFAULT '{}', "source" text, "notes" text, "search_text" text GENERATED ALWAYS AS (coopera_fold(coalesce(code, '') || ' ' || coalesce(title_es, '') || ' ' || coalesce(title_en, '') || ' ' || coalesce(summary_es, '') || ' ' || coalesce(summary_en, ''))) STORED, "archived_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "actions_actual_dates_check" CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start), CONSTRAINT "actions_planned_dates_check" CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start), CONSTRAINT "actions_sdgs_check" CHECK (sdgs <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]), CONSTRAINT "actions_modality_check" CHECK (modality IS NULL OR modality IN ('technical', 'financial', 'educational_cultural', 'humanitarian', 'in_kind_donation', 'prize', 'other')), CONSTRAINT "actions_scheme_check" CHECK (scheme IS NULL OR scheme IN ('bilateral', 'multilateral', 'triangular', 'south_south', 'decentralised')), CONSTRAINT "actions_role_check" CHECK (institute_role IN ('recipient', 'provider', 'both')), CONSTRAINT "actions_status_check" CHECK (status IS NULL OR status IN ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')), CONSTRAINT "actions_kind_check" CHECK (kind IN ('cooperation_project', 'city_to_city', 'network_membership', 'award')), CONSTRAINT "PK_7bfb822f56be449c0b8adbf83cf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "actions_code_key" ON "actions" ("code") `);
    await queryRunner.query(`CREATE INDEX "actions_kind_idx" ON "actions" ("kind") `);
    await queryRunner.query(`CREATE INDEX "actions_modality_idx" ON "actions" ("modality") `);
    await queryRunner.query(`CREATE INDEX "actions_status_idx" ON "actions" ("status") `);
    await queryRunner.query(`CREATE INDEX "actions_archived_idx" ON "actions" ("archived_at") `);
    await queryRunner.query(
      `CREATE TABLE "participations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" text NOT NULL, "notes" text, CONSTRAINT "participations_action_org_role_key" UNIQUE ("action_id", "organisation_id", "role"), CONSTRAINT "participations_role_check" CHECK (role IN ('funding', 'accountable', 'extending', 'implementing', 'beneficiary', 'counterpart')), CONSTRAINT "PK_7aa63b8dcd3d6f8aef8a98bb14a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "participations_org_idx" ON "participations" ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "legal_instruments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "parties" text array NOT NULL DEFAULT '{}', "signed_on" date, "signed_on_precision" text, "valid_from" date, "valid_to" date, "document_url" text, CONSTRAINT "legal_instruments_validity_check" CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from), CONSTRAINT "legal_instruments_type_check" CHECK (type IN ('agreement', 'mou', 'letter', 'contract')), CONSTRAINT "PK_41c523493e3e9b23ebb63278b4b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "legal_instruments_action_idx" ON "legal_instruments" ("action_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "funding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "type" text NOT NULL, "amount" numeric(18,2) NOT NULL, "currency" character(3), "value_date" date, "value_date_precision" text, "provider_id" uuid, "receiver_id" uuid, "description" text, CONSTRAINT "funding_currency_check" CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'), CONSTRAINT "funding_amount_check" CHECK (amount >= 0), CONSTRAINT "funding_type_check" CHECK (type IN ('ceiling', 'commitment', 'disbursement', 'expenditure', 'in_kind', 'prize')), CONSTRAINT "PK_096afc0d11a08deb52da61f039e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "funding_value_date_idx" ON "funding" ("value_date") `);
    await queryRunner.query(`CREATE INDEX "funding_provider_idx" ON "funding" ("provider_id") `);
    await queryRunner.query(
      `CREATE INDEX "funding_action_type_idx" ON "funding" ("action_id", "type") `,
    );
    await queryRunner.query(
      `CREATE TABLE "milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "type" text NOT NULL, "title" text NOT NULL, "planned_date" date, "actual_date" date, "date_precision" text NOT NULL DEFAULT 'day', "notes" text, CONSTRAINT "milestones_date_check" CHECK (planned_date IS NOT NULL OR actual_date IS NOT NULL), CONSTRAINT "milestones_type_check" CHECK (type IN ('application', 'selection_notice', 'agreement_signed', 'kickoff', 'technical_visit', 'workshop', 'study_delivered', 'pilot', 'launch', 'closure', 'other')), CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "milestones_open_idx" ON "milestones" ("planned_date") WHERE actual_date IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "milestones_action_idx" ON "milestones" ("action_id", "planned_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "statement" text NOT NULL, CONSTRAINT "PK_e8f2a9191c61c15b627c117a678" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "results_action_idx" ON "results" ("action_id") `);
    await queryRunner.query(
      `CREATE TABLE "indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "result_id" uuid NOT NULL, "name" text NOT NULL, "unit" text, "baseline" numeric, "baseline_date" date, "target" numeric, "target_date" date, "actual" numeric, "actual_date" date, "notes" text, CONSTRAINT "PK_6e24383c110600564187e92042e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "indicators_result_idx" ON "indicators" ("result_id") `);
    await queryRunner.query(
      `CREATE TABLE "document_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action_id" uuid NOT NULL, "milestone_id" uuid, "result_id" uuid, "title" text NOT NULL, "url" text NOT NULL, CONSTRAINT "document_links_owner_check" CHECK (NOT (milestone_id IS NOT NULL AND result_id IS NOT NULL)), CONSTRAINT "PK_462367301c7f0a30fc3fbaa4ea9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "document_links_action_idx" ON "document_links" ("action_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_email" text, "operation" text NOT NULL, "entity" text NOT NULL, "entity_id" text NOT NULL, "action_id" uuid, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_log_action_idx" ON "audit_log" ("action_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rate_limits" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_8cb6aa4831e3e775ccf370521db" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "role" text NOT NULL, "organisation_id" uuid, "active" boolean NOT NULL DEFAULT true, "last_sign_in_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_partner_org_check" CHECK ((role = 'partner') = (organisation_id IS NOT NULL)), CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'staff', 'director', 'partner')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("token_hash" text NOT NULL, "user_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" text, "user_agent" text, CONSTRAINT "PK_abaa9e068cdd390bc5210f79884" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "sessions_expires_idx" ON "sessions" ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "app_settings" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_975c2db59c65c05fd9c6b63a2ab" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" ADD CONSTRAINT "FK_d6011bc92326673a1db829e6624" FOREIGN KEY ("institute_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" ADD CONSTRAINT "FK_81581e9c86a4dafa956d64124f4" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" ADD CONSTRAINT "FK_0af7588183703d19b5db5f1535d" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_instruments" ADD CONSTRAINT "FK_b10d0aa137ccbee2bea2e0ef5f5" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "FK_fb4b6e6009dc732a0e3c74dcbbc" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "FK_2bfab695644e06bcb3f55424d2e" FOREIGN KEY ("provider_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" ADD CONSTRAINT "FK_fd1793eb03444bb6c20b2b5fd5f" FOREIGN KEY ("receiver_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "FK_46bf5bf6491fbe7dea67ae97134" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "results" ADD CONSTRAINT "FK_514d5abd4da4f183835b07b15fd" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicators" ADD CONSTRAINT "FK_b9553a57df237d5c9e73cb1145f" FOREIGN KEY ("result_id") REFERENCES "results"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "FK_60a188a3c3bdd492d8db3c12762" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "FK_7f1b8384a2d7a1752ba5914146e" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" ADD CONSTRAINT "FK_8249e08233e3c9ad5adfa97c628" FOREIGN KEY ("result_id") REFERENCES "results"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Indexes TypeORM does not model: array containment and trigram search.
    await queryRunner.query(`CREATE INDEX "actions_themes_idx" ON "actions" USING gin ("themes")`);
    await queryRunner.query(
      `CREATE INDEX "actions_municipalities_idx" ON "actions" USING gin ("municipalities")`,
    );
    await queryRunner.query(`CREATE INDEX "actions_sdgs_idx" ON "actions" USING gin ("sdgs")`);
    await queryRunner.query(
      `CREATE INDEX "actions_search_idx" ON "actions" USING gin ("search_text" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."actions_search_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_sdgs_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_municipalities_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_themes_idx"`);
    await queryRunner.query(
      `ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
    await queryRunner.query(
      `ALTER TABLE "document_links" DROP CONSTRAINT "FK_8249e08233e3c9ad5adfa97c628"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" DROP CONSTRAINT "FK_7f1b8384a2d7a1752ba5914146e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_links" DROP CONSTRAINT "FK_60a188a3c3bdd492d8db3c12762"`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicators" DROP CONSTRAINT "FK_b9553a57df237d5c9e73cb1145f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "results" DROP CONSTRAINT "FK_514d5abd4da4f183835b07b15fd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "milestones" DROP CONSTRAINT "FK_46bf5bf6491fbe7dea67ae97134"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" DROP CONSTRAINT "FK_fd1793eb03444bb6c20b2b5fd5f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" DROP CONSTRAINT "FK_2bfab695644e06bcb3f55424d2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "funding" DROP CONSTRAINT "FK_fb4b6e6009dc732a0e3c74dcbbc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_instruments" DROP CONSTRAINT "FK_b10d0aa137ccbee2bea2e0ef5f5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" DROP CONSTRAINT "FK_0af7588183703d19b5db5f1535d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "participations" DROP CONSTRAINT "FK_81581e9c86a4dafa956d64124f4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "actions" DROP CONSTRAINT "FK_d6011bc92326673a1db829e6624"`,
    );
    await queryRunner.query(`DROP TABLE "app_settings"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_expires_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_user_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."document_links_action_idx"`);
    await queryRunner.query(`DROP TABLE "document_links"`);
    await queryRunner.query(`DROP INDEX "public"."indicators_result_idx"`);
    await queryRunner.query(`DROP TABLE "indicators"`);
    await queryRunner.query(`DROP INDEX "public"."results_action_idx"`);
    await queryRunner.query(`DROP TABLE "results"`);
    await queryRunner.query(`DROP INDEX "public"."milestones_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."milestones_open_idx"`);
    await queryRunner.query(`DROP TABLE "milestones"`);
    await queryRunner.query(`DROP INDEX "public"."funding_action_type_idx"`);
    await queryRunner.query(`DROP INDEX "public"."funding_provider_idx"`);
    await queryRunner.query(`DROP INDEX "public"."funding_value_date_idx"`);
    await queryRunner.query(`DROP TABLE "funding"`);
    await queryRunner.query(`DROP INDEX "public"."legal_instruments_action_idx"`);
    await queryRunner.query(`DROP TABLE "legal_instruments"`);
    await queryRunner.query(`DROP INDEX "public"."participations_org_idx"`);
    await queryRunner.query(`DROP TABLE "participations"`);
    await queryRunner.query(`DROP INDEX "public"."actions_archived_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_modality_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_kind_idx"`);
    await queryRunner.query(`DROP INDEX "public"."actions_code_key"`);
    await queryRunner.query(`DROP TABLE "actions"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = $3 AND "table" = $4`,
      ['GENERATED_COLUMN', 'search_text', 'public', 'actions'],
    );
    await queryRunner.query(`DROP INDEX "public"."organisations_type_idx"`);
    await queryRunner.query(`DROP INDEX "public"."organisations_slug_key"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
  }
}
