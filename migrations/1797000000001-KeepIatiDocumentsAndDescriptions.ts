import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * IATI document links become the action's documents, and transaction descriptions keep their
 * languages (issue 16):
 *
 * - document_links.import_key: the key of the imported `document-link` that created the link (a
 *   republished activity deletes only links that carry one; links made by hand are never
 *   deleted); document_links.iati: the element as published (format, category, language, date),
 *   written back on export while title and URL are unchanged;
 * - funding.iati: a transaction's description as published, every narrative with its language.
 */
export class KeepIatiDocumentsAndDescriptions1797000000001 implements MigrationInterface {
  name = 'KeepIatiDocumentsAndDescriptions1797000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_links" ADD "import_key" text, ADD "iati" jsonb`);
    await queryRunner.query(`ALTER TABLE "funding" ADD "iati" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funding" DROP COLUMN "iati"`);
    await queryRunner.query(
      `ALTER TABLE "document_links" DROP COLUMN "iati", DROP COLUMN "import_key"`,
    );
  }
}
