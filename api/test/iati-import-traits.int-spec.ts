import Decimal from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateIati } from './fixtures/iati/iati-validation';
import { binary } from './support/binary';
import { iatiImportApp, IatiImportApp } from './support/iati-import-app';
import type { TestApp } from './support/test-app';
import type { SignedInAgent } from './support/factories';

const TRAITS = readFileSync(join(__dirname, 'fixtures/iati/traits.xml'), 'utf8');
const BANK = 'XM-TEST-BANK-P123';

/**
 * IATI files as donors and development banks publish them (issue 16): signed amounts, text
 * indicator values, any title, repeated natural keys, corrections, plans, revised budgets and
 * every transaction type; a re-import changes nothing and a republished activity is the truth.
 */
describe('IATI import of real donor traits', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let importXml: IatiImportApp['importXml'];
  let close: () => Promise<void>;

  const money = async (code: string) =>
    t.db.query(
      `SELECT f.type, f.amount::text AS amount, f.currency, f.iati_type, f.ref, f.budget_type, f.budget_status,
              to_char(f.period_start, 'YYYY-MM-DD') AS period_start, to_char(f.period_end, 'YYYY-MM-DD') AS period_end
         FROM funding f JOIN actions a ON a.id = f.action_id WHERE a.code = $1
        ORDER BY f.import_key NULLS LAST, f.type, f.amount`,
      [code],
    ) as Promise<Record<string, string | null>[]>;

  beforeAll(async () => {
    ({ t, staff, importXml, close } = await iatiImportApp('coopera_test_iati'));
  });
  afterAll(() => close());

  it('the fixture is valid IATI 2.03 (XSD)', async () => {
    expect((await validateIati(TRAITS)).errors).toEqual([]);
  });

  /** The bank activity's money: signed amounts, own kinds with their IATI code, budgets, plans. */
  async function checkBankMoney() {
    const rows = await money(BANK);
    const byType = (type: string) => rows.filter((r) => r.type === type);
    // Signed amounts of the same type (a reversal nets).
    expect(byType('disbursement').map((r) => r.amount)).toEqual(['-50000.00', '400000.00']);
    expect(byType('commitment').map((r) => r.amount)).toEqual(['-100000.00', '1000000.00']);
    expect(byType('disbursement').find((r) => r.amount === '400000.00')).toMatchObject({
      ref: 'TX-2',
      iati_type: '3',
    });
    // Incoming money, repayments: their own kinds, the IATI code kept.
    expect(byType('incoming_funds')).toEqual([
      expect.objectContaining({ amount: '250000.00', iati_type: '1' }),
    ]);
    expect(byType('incoming_commitment')).toEqual([
      expect.objectContaining({ amount: '900000.00', iati_type: '11' }),
    ]);
    expect(byType('repayment').map((r) => r.iati_type)).toEqual(['5', '6']);
    // Two equal expenditures are two records.
    expect(byType('expenditure')).toHaveLength(2);
    // Revised budget supersedes the original of the same period; equal budgets are both kept.
    expect(byType('ceiling_superseded')).toEqual([
      expect.objectContaining({
        amount: '500000.00',
        budget_type: 'original',
        budget_status: 'indicative',
        period_start: '2021-01-01',
        period_end: '2021-12-31',
      }),
    ]);
    expect(byType('ceiling').map((r) => [r.amount, r.budget_type, r.budget_status])).toEqual([
      ['300000.00', 'original', 'indicative'],
      ['300000.00', 'original', 'indicative'],
      ['650000.00', 'revised', 'committed'],
    ]);
    // Planned disbursements, past and future, are plans with their period.
    expect(byType('planned_disbursement').map((r) => [r.amount, r.period_start])).toEqual([
      ['100000.00', '2021-01-01'],
      ['200000.00', '2031-01-01'],
    ]);
  }

  /** The bank activity's indicators: numbers where they are numbers, the text kept as published. */
  async function checkBankIndicators() {
    const indicators = await t.db.query(
      `SELECT r.statement, n.name, n.target::text, n.target_text, n.actual::text, n.actual_text
       FROM indicators n JOIN results r ON r.id = n.result_id JOIN actions a ON a.id = r.action_id
      WHERE a.code = $1 ORDER BY n.import_key, r.import_key`,
      [BANK],
    );
    expect(indicators).toEqual([
      expect.objectContaining({
        name: '#',
        target: '130000.00',
        target_text: '130,000.00',
        actual: null,
        actual_text: '72,0000',
      }),
      expect.objectContaining({ name: 'km', target: '12', target_text: '12' }),
      expect.objectContaining({ name: 'm2', actual: null, actual_text: 'Yes' }),
      expect.objectContaining({ name: 'm2', actual: null, actual_text: 'No' }),
    ]);
  }

  it('imports negative values, text indicator values, symbolic titles, plans, revised budgets and every transaction type', async () => {
    const dry = await importXml(TRAITS, true);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.byTable.actions.create).toBe(2);
    expect(dry.body.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'indicator_text_value',
          value: '72,0000',
          location: { file: 'traits.xml', path: 'iati-activity[1]/result[1]/indicator[1]' },
        }),
      ]),
    );
    const res = await importXml(TRAITS, false);
    expect(res.body.applied).toBe(true);

    await checkBankMoney();
    await checkBankIndicators();
    const [{ n: results }] = await t.db.query(
      `SELECT count(*)::int AS n FROM results r JOIN actions a ON a.id = r.action_id WHERE a.code = $1`,
      [BANK],
    );
    expect(results).toBe(2);
    // A placeholder ref ("N/A", "-") is no identifier.
    const refs = await t.db.query(
      `SELECT name, iati_ref FROM organisations WHERE name IN ('Borrower Municipality', 'Instituto Metropolitano') ORDER BY name`,
    );
    expect(refs).toEqual([
      { name: 'Borrower Municipality', iati_ref: null },
      { name: 'Instituto Metropolitano', iati_ref: null },
    ]);
  });

  it('a second and a third dry run report every row unchanged', async () => {
    for (let i = 0; i < 2; i++) {
      const dry = await importXml(TRAITS, true);
      expect(dry.body.errors).toEqual([]);
      expect(dry.body.counts).toMatchObject({ create: 0, update: 0, delete: 0 });
      expect(dry.body.rows.every((r: { outcome: string }) => r.outcome === 'unchanged')).toBe(true);
    }
    const again = await importXml(TRAITS, false);
    expect(again.body.counts).toMatchObject({ create: 0, update: 0, delete: 0 });
  });

  it('the dashboard counts neither plans nor incoming money as executed; reversals net', async () => {
    const res = await staff.get(`/api/v1/dashboard/summary?q=${BANK}&currency=USD`).expect(200);
    const usd = (cls: string) =>
      res.body.money[cls].byCurrency.find((c: { currency: string }) => c.currency === 'USD')
        ?.amount;
    // 400000 − 50000 + 1000 + 1000: no planned disbursement, incoming funds or repayment.
    expect(usd('executed')).toBe('352000.00');
    // 1000000 − 100000: the incoming commitment (900000) is not ours.
    expect(usd('committed')).toBe('900000.00');
    // 650000 (revised, not + 500000 original) + 300000 + 300000.
    expect(usd('ceilings')).toBe('1250000.00');
    // The whole portfolio (read from the rollups) says the same.
    const whole = await staff.get(`/api/v1/dashboard/summary?currency=USD`).expect(200);
    expect(
      whole.body.money.executed.byCurrency.find((c: { currency: string }) => c.currency === 'USD')
        ?.amount,
    ).toBe('352000.00');
  });

  it('the dashboard equals, per currency and key figure, the sums computed straight from the XML', async () => {
    // Parsed here without the importer: which transaction types and budgets count is the table
    // of docs/imports.md.
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(TRAITS);
    const many = <T>(x: T | T[] | undefined): T[] =>
      x === undefined ? [] : Array.isArray(x) ? x : [x];
    const sums: Record<string, Record<string, Decimal>> = {};
    const add = (figure: string, currency: string, value: string) => {
      sums[figure] ??= {};
      sums[figure][currency] = (sums[figure][currency] ?? new Decimal(0)).plus(value);
    };
    type Value = { '#text': string | number; currency?: string };
    for (const a of many(doc['iati-activities']['iati-activity']) as Record<string, never>[]) {
      const currencyOf = (v: Value) => v.currency ?? a['default-currency'];
      for (const t of many<{ 'transaction-type': { code: string | number }; value: Value }>(
        a.transaction,
      )) {
        const code = String(t['transaction-type'].code);
        const figure = ['3', '4', '7'].includes(code)
          ? 'executed'
          : code === '2'
            ? 'committed'
            : null;
        if (figure) add(figure, currencyOf(t.value), String(t.value['#text']));
      }
      type Budget = {
        type?: string | number;
        'period-start': { 'iso-date': string };
        'period-end': { 'iso-date': string };
        value: Value;
      };
      const budgets = many<Budget>(a.budget);
      const period = (b: Budget) =>
        `${b['period-start']['iso-date']}|${b['period-end']['iso-date']}`;
      const revised = new Set(budgets.filter((b) => String(b.type) === '2').map(period));
      for (const b of budgets)
        if (String(b.type ?? '1') === '2' || !revised.has(period(b)))
          add('ceilings', currencyOf(b.value), String(b.value['#text']));
    }
    for (const currency of ['MXN', 'USD']) {
      const res = await staff.get(`/api/v1/dashboard/summary?currency=${currency}`).expect(200);
      for (const figure of ['executed', 'committed', 'ceilings']) {
        const shown = Object.fromEntries(
          res.body.money[figure].byCurrency.map((c: { currency: string; amount: string }) => [
            c.currency,
            c.amount,
          ]),
        );
        const expected = Object.fromEntries(
          Object.entries(sums[figure] ?? {}).map(([c, d]) => [c, d.toFixed(2)]),
        );
        expect({ figure, shown }).toEqual({ figure, shown: expected });
      }
    }
  });

  it('our own export imported again updates the same actions: nothing created, nothing deleted', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM actions WHERE code = $1`, [BANK]);
    const res = await staff
      .get(`/api/v1/actions/${id}/export/iati.xml`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = (res.body as Buffer).toString('utf8');
    expect(xml).toContain(
      `<iati-identifier>${t.config.iatiReportingOrgRef}-${BANK}</iati-identifier>`,
    );
    const dry = await importXml(xml, true, 'own.xml');
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.counts).toMatchObject({ create: 0, delete: 0 });
    expect(dry.body.rows.filter((r: { outcome: string }) => r.outcome === 'update')).toEqual([]);
  });

  it('a republished activity updates corrected amounts and deletes what it no longer holds, never hand-made records', async () => {
    const [{ id: actionId }] = await t.db.query(`SELECT id FROM actions WHERE code = $1`, [BANK]);
    await t.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date) VALUES ($1, 'disbursement', 7, 'USD', '2021-01-01')`,
      [actionId],
    );
    const expenditure = `<transaction>
      <transaction-type code="4"/>
      <transaction-date iso-date="2021-07-01"/>
      <value value-date="2021-07-01">1000</value>
    </transaction>`;
    const second = TRAITS.lastIndexOf(expenditure);
    const republished = (TRAITS.slice(0, second) + TRAITS.slice(second + expenditure.length))
      // A corrected amount; the second result goes too.
      .replace(
        '<value value-date="2020-06-01">400000</value>',
        '<value value-date="2020-06-01">450000</value>',
      )
      .replace(/<result type="1">(?:(?!<result)[\s\S])*?<\/result>\s*(?=<\/iati-activity>)/, '');
    expect(republished).not.toBe(TRAITS);
    const dry = await importXml(republished, true);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.byTable.funding).toMatchObject({ update: 1, delete: 1, create: 0 });
    expect(dry.body.byTable.results).toMatchObject({ delete: 1, create: 0 });
    expect(dry.body.byTable.indicators).toMatchObject({ delete: 2, create: 0 });
    expect(dry.body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'funding',
          outcome: 'update',
          changes: ['amount'],
          location: { file: 'traits.xml', path: 'iati-activity[1]/transaction[2]' },
        }),
        expect.objectContaining({
          table: 'funding',
          outcome: 'delete',
          key: `${BANK} · expenditure USD 1000.00`,
        }),
      ]),
    );
    await importXml(republished, false);
    const rows = await money(BANK);
    expect(rows.filter((r) => r.type === 'expenditure')).toHaveLength(1);
    expect(rows.find((r) => r.ref === 'TX-2')?.amount).toBe('450000.00');
    // The hand-made record stays.
    expect(rows.filter((r) => r.amount === '7.00')).toHaveLength(1);
    const audit = await t.db.query(
      `SELECT entity, count(*)::int AS n FROM audit_log WHERE operation = 'delete' AND action_id = $1 GROUP BY entity ORDER BY entity`,
      [actionId],
    );
    expect(audit).toEqual([
      { entity: 'funding', n: 1 },
      { entity: 'indicator', n: 2 },
      { entity: 'result', n: 1 },
    ]);
    // And again: nothing left to do.
    const third = await importXml(republished, true);
    expect(third.body.counts).toMatchObject({ create: 0, update: 0, delete: 0 });
  });

  it('exports the imported kinds back with their own IATI types, budgets and plans (valid XSD)', async () => {
    const [{ id }] = await t.db.query(`SELECT id FROM actions WHERE code = $1`, [BANK]);
    const res = await staff
      .get(`/api/v1/actions/${id}/export/iati.xml`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = (res.body as Buffer).toString('utf8');
    expect((await validateIati(xml)).errors).toEqual([]);
    const types = [...xml.matchAll(/<transaction-type code="(\d+)"/g)].map((m) => m[1]).sort();
    expect(types).toEqual(['1', '11', '2', '2', '3', '3', '3', '4', '5', '6'].sort());
    expect(xml).toContain('<transaction ref="TX-2">');
    expect(xml).toMatch(/<value[^>]*>-50000.00<\/value>/);
    expect(xml).toMatch(/<budget type="2" status="2">/);
    expect(xml).toMatch(/<budget type="1" status="1">/);
    expect((xml.match(/<planned-disbursement/g) ?? []).length).toBe(2);
    expect(xml).toContain('value="72,0000"');
  });

  it('keeps the reporting organisation, languages, countries, sectors and every indicator period, and writes them back', async () => {
    const [bank] = await t.db.query(`SELECT id, title_es, title_en FROM actions WHERE code = $1`, [
      BANK,
    ]);
    // No Spanish title was published: the text keeps its language, noted.
    expect(bank).toMatchObject({
      title_es: '[en] Urban Mobility Loan',
      title_en: 'Urban Mobility Loan',
    });
    const reporting = await t.db.query(
      `SELECT o.name, o.iati_ref, o.type FROM participations p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.action_id = $1 AND p.role = 'reporting'`,
      [bank.id],
    );
    expect(reporting).toEqual([
      { name: 'Test Development Bank', iati_ref: 'XM-TEST-BANK', type: 'multilateral' },
    ]);
    // Its outgoing transactions have it as provider; incoming ones as receiver.
    const parties = await t.db.query(
      `SELECT f.type, pr.name AS provider, rc.name AS receiver FROM funding f
         LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id
        WHERE f.action_id = $1 AND f.type IN ('disbursement', 'incoming_funds') AND f.import_key IS NOT NULL
        ORDER BY f.type, f.amount`,
      [bank.id],
    );
    expect(parties).toEqual([
      { type: 'disbursement', provider: 'Test Development Bank', receiver: null },
      { type: 'disbursement', provider: 'Test Development Bank', receiver: null },
      { type: 'incoming_funds', provider: null, receiver: 'Test Development Bank' },
    ]);

    const exported = async (code: string) => {
      const [{ id }] = await t.db.query(`SELECT id FROM actions WHERE code = $1`, [code]);
      const res = await staff
        .get(`/api/v1/actions/${id}/export/iati.xml`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      return (res.body as Buffer).toString('utf8');
    };
    const xml = await exported(BANK);
    expect((await validateIati(xml)).errors).toEqual([]);
    // Each narrative in its own language; never a Spanish one made up.
    expect(xml).toContain('<narrative xml:lang="en">Urban Mobility Loan</narrative>');
    expect(xml).toContain('<narrative xml:lang="de">Darlehen für urbane Mobilität</narrative>');
    expect(xml).not.toContain('<narrative>Urban Mobility Loan</narrative>');
    // Where the activity is: Colombia, not Mexico. Sectors with their own vocabulary.
    expect(xml).toContain('<recipient-country code="CO" percentage="100"/>');
    expect(xml).not.toContain('code="MX"');
    expect(xml).toMatch(/<sector (?=[^>]*vocabulary="1")(?=[^>]*code="21020")[^>]*\/>/);
    // Every indicator period and the baseline as published.
    expect(xml).toMatch(/<baseline (?=[^>]*year="2019")(?=[^>]*iso-date="2019-12-31")[^>]*\/>/);
    expect(xml).toContain('<target value="130,000.00"/>');
    const grant = await exported('XM-TEST-GRANT-7');
    expect(grant).toContain('<recipient-country code="MX" percentage="100"/>');
  });
});
