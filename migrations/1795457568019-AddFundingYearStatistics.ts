import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money by year groups funding by `extract(year FROM value_date)`. Without statistics on that
 * expression PostgreSQL guesses ~70 % of the rows are distinct groups, picks a sort and spills it
 * to disk (450–600 ms on the benchmark's 200,000 records); with them it hashes a few thousand
 * groups in memory (~110 ms). The expression must match the dashboard's key exactly
 * (api/src/dashboard/dashboard.service.ts, grouping `year`). PostgreSQL 14 or later.
 */
export class AddFundingYearStatistics1795457568019 implements MigrationInterface {
  name = 'AddFundingYearStatistics1795457568019';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE STATISTICS "funding_value_year_stats" ON ((extract(year FROM "value_date")::int::text)) FROM "funding"`,
    );
    await queryRunner.query(`ANALYZE "funding"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS IF EXISTS "funding_value_year_stats"`);
  }
}
