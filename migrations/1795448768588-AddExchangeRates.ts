import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddExchangeRates1795448768588 implements MigrationInterface {
  name = 'AddExchangeRates1795448768588';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_rates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rate_date" date NOT NULL, "currency" character(3) NOT NULL, "rate_to_mxn" numeric(18,6) NOT NULL, "source" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "exchange_rates_date_currency_key" UNIQUE ("rate_date", "currency"), CONSTRAINT "exchange_rates_currency_check" CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'MXN'), CONSTRAINT "exchange_rates_rate_check" CHECK (rate_to_mxn > 0), CONSTRAINT "PK_33a614bad9e61956079d817ebe2" PRIMARY KEY ("id"))`,
    );
    // The latest rate on or before a date: one index-only probe per (currency, date).
    await queryRunner.query(
      `CREATE INDEX "exchange_rates_currency_date_idx" ON "exchange_rates" ("currency", "rate_date" DESC) INCLUDE ("rate_to_mxn")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."exchange_rates_currency_date_idx"`);
    await queryRunner.query(`DROP TABLE "exchange_rates"`);
  }
}
