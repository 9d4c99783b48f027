import Decimal from 'decimal.js';
import fc from 'fast-check';
import { readIati } from '../src/imports/iati-import';
import { applyPlan, planImport } from '../src/imports/import-engine';
import { validateIati } from './fixtures/iati/iati-validation';
import { binary } from './support/binary';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';

/**
 * Round trip (issue 16): random IATI activity files holding the traits real donor files have
 * (negative values, every transaction type, repeated keys, original and revised budgets, plans,
 * text indicator values, symbolic titles, several languages, placeholder refs, countries other
 * than Mexico) → import into database A → export X1 → import X1 into database B (our own export:
 * its prefix recognised) → export X2. X1 and X2 are identical apart from timestamps, and the
 * money of X1 equals, per currency and transaction type, the source's.
 */

const TEXT = fc.constantFrom(
  'Agua & saneamiento',
  'Intermediate Results Indicator',
  '#',
  'km',
  'm2',
  'Ciudad <norte>',
);
const LANG = fc.constantFrom('es', 'en', 'de');
const DATE = fc.constantFrom('2020-03-01', '2021-06-30', '2022-01-15');
const AMOUNT = fc
  .integer({ min: -500_000_00, max: 2_000_000_00 })
  .map((c) => new Decimal(c).div(100).toFixed(2));
const POSITIVE = fc
  .integer({ min: 1, max: 2_000_000_00 })
  .map((c) => new Decimal(c).div(100).toFixed(2));

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const narrative = (text: string, lang?: string) =>
  `<narrative${lang ? ` xml:lang="${lang}"` : ''}>${esc(text)}</narrative>`;

const transactionArb = fc.record({
  type: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '11', '13'),
  ref: fc.option(fc.constantFrom('R1', 'R2'), { nil: undefined }),
  date: DATE,
  amount: AMOUNT,
  currency: fc.option(fc.constantFrom('USD', 'MXN'), { nil: undefined }),
});
const budgetArb = fc.record({
  type: fc.constantFrom('1', '2'),
  status: fc.constantFrom('1', '2'),
  year: fc.constantFrom(2021, 2022),
  amount: POSITIVE,
});
const resultArb = fc.record({
  title: fc.constantFrom('Intermediate Results Indicator', 'Resultado'),
  indicators: fc.array(
    fc.record({
      title: fc.constantFrom('#', 'km', 'm2'),
      target: fc.option(fc.constantFrom('Yes', '12', '130,000.00', '72,0000'), { nil: undefined }),
      actual: fc.option(fc.constantFrom('No', '3.5'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});
const activityArb = fc.record({
  lang: LANG,
  titles: fc.uniqueArray(fc.record({ lang: LANG, text: TEXT }), {
    minLength: 1,
    maxLength: 2,
    selector: (t) => t.lang,
  }),
  country: fc.constantFrom('MX', 'CO', 'GT'),
  org: fc.record({
    ref: fc.constantFrom('N/A', '-', 'XM-RT-ORG-1', ''),
    name: fc.constantFrom('Municipio Prestatario', 'Secretaría de Movilidad'),
    role: fc.constantFrom('1', '2', '3', '4'),
  }),
  transactions: fc.array(transactionArb, { maxLength: 5 }),
  budgets: fc.array(budgetArb, { maxLength: 3 }),
  planned: fc.array(fc.record({ year: fc.constantFrom(2021, 2031), amount: POSITIVE }), {
    maxLength: 2,
  }),
  results: fc.array(resultArb, { maxLength: 2 }),
});
type Activity = typeof activityArb extends fc.Arbitrary<infer T> ? T : never;

function activityXml(id: string, a: Activity): string {
  const period = (year: number) =>
    `<period-start iso-date="${year}-01-01"/><period-end iso-date="${year}-12-31"/>`;
  return `<iati-activity xml:lang="${a.lang}" default-currency="EUR">
  <iati-identifier>${id}</iati-identifier>
  <reporting-org ref="XM-RT-BANK" type="40">${narrative('Banco de Prueba')}</reporting-org>
  <title>${a.titles.map((t) => narrative(t.text, t.lang)).join('')}</title>
  <description type="1">${narrative('Descripción general')}</description>
  <participating-org${a.org.ref ? ` ref="${a.org.ref}"` : ''} type="11" role="${a.org.role}">${narrative(a.org.name)}</participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/>
  <recipient-country code="${a.country}" percentage="100"/>
  <sector vocabulary="1" code="43030" percentage="100"/>
  ${a.budgets
    .map(
      (b) =>
        `<budget type="${b.type}" status="${b.status}">${period(b.year)}<value value-date="${b.year}-01-01">${b.amount}</value></budget>`,
    )
    .join('\n  ')}
  ${a.planned
    .map(
      (p) =>
        `<planned-disbursement type="1">${period(p.year)}<value value-date="${p.year}-01-01">${p.amount}</value></planned-disbursement>`,
    )
    .join('\n  ')}
  ${a.transactions
    .map(
      (t) =>
        `<transaction${t.ref ? ` ref="${t.ref}"` : ''}><transaction-type code="${t.type}"/><transaction-date iso-date="${t.date}"/><value${t.currency ? ` currency="${t.currency}"` : ''} value-date="${t.date}">${t.amount}</value></transaction>`,
    )
    .join('\n  ')}
  ${a.results
    .map(
      (r) =>
        `<result type="1"><title>${narrative(r.title)}</title>${r.indicators
          .map(
            (i) =>
              `<indicator measure="1"><title>${narrative(i.title)}</title><period>${period(2020)}${i.target ? `<target value="${i.target}"/>` : ''}${i.actual ? `<actual value="${i.actual}"/>` : ''}</period></indicator>`,
          )
          .join('')}</result>`,
    )
    .join('\n  ')}
</iati-activity>`;
}

/** The money of a file per currency and transaction type (parsed with regular expressions). */
function transactionSums(xml: string, defaultCurrency: (activity: string) => string) {
  const sums: Record<string, Decimal> = {};
  for (const activity of xml.split('<iati-activity').slice(1)) {
    for (const t of activity.matchAll(
      /<transaction[ >][\s\S]*?<transaction-type code="(\d+)"\/>[\s\S]*?<value([^>]*)>([^<]+)<\/value>/g,
    )) {
      const currency = /currency="([A-Z]{3})"/.exec(t[2])?.[1] ?? defaultCurrency(activity);
      const key = `${currency} ${t[1]}`;
      sums[key] = (sums[key] ?? new Decimal(0)).plus(t[3]);
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v.toFixed(2)]));
}

const normalise = (xml: string) =>
  xml.replace(/ (last-updated|generated)-datetime="[^"]*"/g, '').replace(/<!--[\s\S]*?-->\n?/g, '');

describe('IATI round trip (property)', () => {
  let dbA: TestDatabase;
  let dbB: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let staffA: SignedInAgent;
  let staffB: SignedInAgent;
  let run = 0;

  beforeAll(async () => {
    [dbA, dbB] = await Promise.all([
      createTestDatabase('coopera_test_iati_rt_a'),
      createTestDatabase('coopera_test_iati_rt_b'),
    ]);
    const limits = { importRateLimit: 10_000, exportsPerMinute: 10_000 };
    a = await bootTestApp({ databaseUrl: dbA.url, ...limits });
    b = await bootTestApp({ databaseUrl: dbB.url, ...limits });
    staffA = await signedIn(a, 'staff');
    staffB = await signedIn(b, 'staff');
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([dbA?.drop(), dbB?.drop()]);
  });

  const exportOf = async (agent: SignedInAgent, q: string) => {
    const res = await agent
      .get(`/api/v1/exports/iati.xml?q=${encodeURIComponent(q)}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return (res.body as Buffer).toString('utf8');
  };

  it('export → import into another database → export gives the same XML and the same money', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(activityArb, { minLength: 1, maxLength: 3 }),
        async (activities) => {
          run += 1;
          const prefix = `XM-RT-${run}-`;
          const source = `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n${activities
            .map((x, i) => activityXml(`${prefix}${i + 1}`, x))
            .join('\n')}\n</iati-activities>\n`;
          expect((await validateIati(source)).errors).toEqual([]);
          const imported = await staffA
            .post('/api/v1/imports/iati?dryRun=false')
            .attach('file', Buffer.from(source), 'source.xml');
          expect(imported.body.errors ?? imported.body).toEqual([]);

          const x1 = await exportOf(staffA, prefix);
          expect((await validateIati(x1)).errors).toEqual([]);
          expect(x1.match(/<iati-activity /g)).toHaveLength(activities.length);
          // The money as published, per currency and transaction type.
          expect(transactionSums(x1, () => 'MXN')).toEqual(transactionSums(source, () => 'EUR'));

          const input = readIati('x1.xml', Buffer.from(x1), '2026-01-01', {
            iati: { ownPrefix: b.config.iatiReportingOrgRef },
          });
          const actor = { id: staffB.user.id, email: staffB.user.email, requestId: null };
          const plan = await b.db.transaction(async (m) => {
            const p = await planImport(m, input);
            if (!p.issues.length) await applyPlan(m, p, actor);
            return p;
          });
          expect(plan.issues).toEqual([]);

          const x2 = await exportOf(staffB, prefix);
          expect(normalise(x2)).toEqual(normalise(x1));
        },
      ),
      { numRuns: 10, seed: 16 },
    );
  }, 180_000);
});
