import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accent- and case-insensitive search: unaccent + trigram indexes, wrapped in an IMMUTABLE fold. */
export class CreateSearchFunctions1763900000000 implements MigrationInterface {
  name = 'CreateSearchFunctions1763900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION public.coopera_fold(text) RETURNS text
         LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
         AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS public.coopera_fold(text)`);
  }
}
