import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An action's parts (and a board session's) are listed by `created_at`. With `now()` every row a
 * transaction inserts (the demo portfolio, an import, an action saved with its results) got the same
 * instant, and ties fell to the random uuid: the same results came out in another order on every
 * database. `clock_timestamp()` is read per row, so rows keep the order they were written in.
 */
const TABLES = [
  'participations',
  'legal_instruments',
  'funding',
  'milestones',
  'results',
  'indicators',
  'document_links',
  'board_sessions',
  'board_agenda_items',
  'board_agreements',
];

export class KeepInsertionOrder1797500000001 implements MigrationInterface {
  name = 'KeepInsertionOrder1797500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "created_at" SET DEFAULT now()`);
    }
  }
}
