import Decimal from 'decimal.js';
import { XMLParser } from 'fast-xml-parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readIati } from '../src/imports/iati-import';
import { applyPlan, planImport } from '../src/imports/import-engine';
import { validateIati } from './fixtures/iati/iati-validation';
import { binary } from './support/binary';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';

const TRAITS = readFileSync(join(__dirname, 'fixtures/iati/traits.xml'), 'utf8');
const BANK = 'XM-TEST-BANK-P123';
/** The IATI schema's own "should pass" activity files (shared/iati, beside the repository). */
const SHOULD_PASS = join(__dirname, '../../../shared/iati/schema-tests/should-pass');
const SHARED_SHOULD_PASS = '/work/shared/iati/schema-tests/should-pass';
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)],
  );

/**
 * IATI files as donors and development banks publish them (issue 16): signed amounts, text
 * indicator values, any title, repeated natural keys, corrections, plans, revised budgets and
 * every transaction type; a re-import changes nothing and a republished activity is the truth.
 */
describe('IATI import of real donor traits', () => {
  let db: TestDatabase;
  let t: TestApp;
  let staff: SignedInAgent;

  const importXml = (xml: string, dryRun: boolean, name = 'traits.xml') =>
    staff
      .post(`/api/v1/imports/iati?dryRun=${dryRun}`)
      .attach('file', Buffer.from(xml), name)
      .expect(200);
  const money = async (code: string) =>
    t.db.query(
      `SELECT f.type, f.amount::text AS amount, f.currency, f.iati_type, f.ref, f.budget_type, f.budget_status,
              to_char(f.period_start, 'YYYY-MM-DD') AS period_start, to_char(f.period_end, 'YYYY-MM-DD') AS period_end
         FROM funding f JOIN actions a ON a.id = f.action_id WHERE a.code = $1
        ORDER BY f.import_key NULLS LAST, f.type, f.amount`,
      [code],
    ) as Promise<Record<string, string | null>[]>;

  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_iati');
    t = await bootTestApp({ databaseUrl: db.url, importRateLimit: 1000 });
    staff = await signedIn(t, 'staff');
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('the fixture is valid IATI 2.03 (XSD)', async () => {
    expect((await validateIati(TRAITS)).errors).toEqual([]);
  });

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

  it('per activity: a plan says what each activity gets; atomicity=activity leaves out the ones with errors and applies the rest', async () => {
    const activity = (id: string, amount: string) => `<iati-activity default-currency="EUR">
      <iati-identifier>${id}</iati-identifier>
      <reporting-org ref="XM-ATOM" type="10"><narrative>Atom</narrative></reporting-org>
      <title><narrative xml:lang="es">Actividad ${id}</narrative></title>
      <description><narrative xml:lang="es">Descripción</narrative></description>
      <participating-org role="4"><narrative>Ejecutor</narrative></participating-org>
      <activity-status code="2"/>
      <activity-date type="1" iso-date="2024-01-01"/>
      <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/>
        <value value-date="2024-02-01">${amount}</value></transaction>
    </iati-activity>`;
    const xml = `<iati-activities version="2.03">${activity('XM-ATOM-1', '1,000')}${activity('XM-ATOM-2', '2000')}</iati-activities>`;
    const input = readIati('two.xml', Buffer.from(xml), '2026-01-01');
    const whole = await t.db.transaction('REPEATABLE READ', (m) => planImport(m, input));
    expect(whole.issues).toEqual([
      expect.objectContaining({
        code: 'invalid_amount',
        location: { file: 'two.xml', path: 'iati-activity[1]/transaction[1]/value' },
      }),
    ]);
    expect(whole.activities).toEqual([
      expect.objectContaining({ path: 'iati-activity[1]', code: 'XM-ATOM-1', errors: 1 }),
      {
        path: 'iati-activity[2]',
        code: 'XM-ATOM-2',
        errors: 0,
        skipped: false,
        counts: { create: 4, update: 0, unchanged: 0, delete: 0 },
      },
    ]);
    const actor = { id: staff.user.id, email: staff.user.email, requestId: null };
    const plan = await t.db.transaction(async (m) => {
      const p = await planImport(m, input, { atomicity: 'activity' });
      if (!p.issues.length) await applyPlan(m, p, actor);
      return p;
    });
    expect(plan.issues).toEqual([]);
    expect(plan.skipped).toEqual(whole.issues);
    expect(plan.activities.map((a) => [a.path, a.skipped])).toEqual([
      ['iati-activity[1]', true],
      ['iati-activity[2]', false],
    ]);
    const codes = await t.db.query(
      `SELECT code FROM actions WHERE code LIKE 'XM-ATOM-%' ORDER BY code`,
    );
    expect(codes).toEqual([{ code: 'XM-ATOM-2' }]);
    // Through the API: the dry run lists each activity; atomicity=activity applies the good one.
    const again = xml.replace(/XM-ATOM-/g, 'XM-ATOM-API-');
    const dry = await importXml(again, true, 'two.xml');
    expect(dry.body.activities).toEqual([
      expect.objectContaining({ path: 'iati-activity[1]', errors: 1 }),
      expect.objectContaining({ path: 'iati-activity[2]', errors: 0 }),
    ]);
    const res = await staff
      .post('/api/v1/imports/iati?dryRun=false&atomicity=activity')
      .attach('file', Buffer.from(again), 'two.xml')
      .expect(200);
    expect(res.body.applied).toBe(true);
    expect(res.body.skipped).toEqual([
      expect.objectContaining({
        location: { file: 'two.xml', path: 'iati-activity[1]/transaction[1]/value' },
      }),
    ]);
    const apiCodes = await t.db.query(`SELECT code FROM actions WHERE code LIKE 'XM-ATOM-API-%'`);
    expect(apiCodes).toEqual([{ code: 'XM-ATOM-API-2' }]);
    // The whole file (the default) refuses it all.
    await staff
      .post('/api/v1/imports/iati?dryRun=false')
      .attach('file', Buffer.from(xml.replace(/XM-ATOM-/g, 'XM-ATOM-FILE-')), 'two.xml')
      .expect(400);
  });

  it('matches organisations by ref, and by name without case or accents only among those without one', async () => {
    const ids = await t.db.query(
      `INSERT INTO organisations (slug, name, type, iati_ref) VALUES
         ('sec-movilidad-rt', 'Secretaría de Movilidad Urbana', 'other', NULL),
         ('ministerio-a-rt', 'Ministerio de Hacienda', 'other', 'XM-MIN-A')
       RETURNING id`,
    );
    const org = (ref: string, name: string, role: string) =>
      `<participating-org${ref ? ` ref="${ref}"` : ''} role="${role}"><narrative>${name}</narrative></participating-org>`;
    const xml = `<iati-activities version="2.03"><iati-activity>
      <iati-identifier>XM-ORGS-1</iati-identifier>
      <reporting-org ref="0" type="10"><narrative>SECRETARIA DE MOVILIDAD URBANA</narrative></reporting-org>
      <title><narrative xml:lang="es">Organizaciones</narrative></title>
      <description><narrative xml:lang="es">Prueba</narrative></description>
      ${org('N/A', 'secretaria de movilidad urbana', '4')}
      ${org('XM-MIN-B', 'Ministerio de Hacienda', '1')}
      ${org('XM-MIN-A', 'Otro nombre del ministerio A', '2')}
      <activity-status code="2"/><activity-date type="1" iso-date="2024-01-01"/>
    </iati-activity></iati-activities>`;
    await importXml(xml, false, 'orgs.xml');
    const rows = await t.db.query(
      `SELECT p.role, o.id, o.name, o.iati_ref FROM participations p JOIN organisations o ON o.id = p.organisation_id
         JOIN actions a ON a.id = p.action_id WHERE a.code = 'XM-ORGS-1' ORDER BY p.role`,
    );
    expect(rows).toEqual([
      // Same ref: the same organisation, whatever the name.
      expect.objectContaining({ role: 'accountable', id: ids[1].id }),
      // Another ref with the same name: another organisation.
      expect.objectContaining({
        role: 'funding',
        iati_ref: 'XM-MIN-B',
        name: 'Ministerio de Hacienda',
      }),
      // Placeholder refs ("N/A", "0") are no refs: the ref-less one, case and accents aside.
      expect.objectContaining({ role: 'implementing', id: ids[0].id }),
      expect.objectContaining({ role: 'reporting', id: ids[0].id }),
    ]);
    expect(rows[1].id).not.toBe(ids[1].id);
  });

  it("document links become the action's documents and transaction descriptions keep their languages; both go back out as published", async () => {
    const doc = (url: string, title: string) =>
      `<document-link format="application/pdf" url="${url}"><title><narrative>${title}</narrative></title><category code="A02"/><language code="en"/><document-date iso-date="2021-03-01"/></document-link>`;
    const activity = (docs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="EUR">
<iati-identifier>XM-TEST-DOCS-1</iati-identifier>
<reporting-org ref="XM-TEST-DOCS" type="10"><narrative>Docs Agency</narrative></reporting-org>
<title><narrative>Documented project</narrative></title>
<description><narrative>About the project</narrative></description>
<participating-org ref="XM-TEST-DOCS" role="1" type="10"><narrative>Docs Agency</narrative></participating-org>
<activity-status code="2"/>
<activity-date type="1" iso-date="2021-01-01"/>
<recipient-country code="DE" percentage="100"/>
<sector vocabulary="1" code="21020"/>
<transaction><transaction-type code="3"/><transaction-date iso-date="2021-02-01"/><value value-date="2021-02-01">100</value>
 <description><narrative>First tranche</narrative><narrative xml:lang="de">Erste Tranche</narrative></description></transaction>
${docs}
</iati-activity></iati-activities>`;
    const both = activity(
      doc('https://example.org/plan.pdf', 'Project plan') +
        doc('https://example.org/review.pdf', 'Mid-term review'),
    );
    expect((await validateIati(both)).errors).toEqual([]);
    const first = await importXml(both, false, 'docs.xml');
    expect(first.body.byTable.document_links).toMatchObject({ create: 2 });
    const [{ id }] = await t.db.query(`SELECT id FROM actions WHERE code = 'XM-TEST-DOCS-1'`);
    const detail = await staff.get(`/api/v1/actions/${id}`).expect(200);
    expect(
      detail.body.documents.map((d: { title: string; url: string }) => [d.title, d.url]),
    ).toEqual([
      ['[en] Project plan', 'https://example.org/plan.pdf'],
      ['[en] Mid-term review', 'https://example.org/review.pdf'],
    ]);
    expect(detail.body.funding.map((f: { description: string }) => f.description)).toEqual([
      '[en] First tranche',
    ]);
    const xml = (
      (
        await staff
          .get(`/api/v1/actions/${id}/export/iati.xml`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer
    ).toString('utf8');
    expect((await validateIati(xml)).errors).toEqual([]);
    expect(xml).toMatch(
      /<narrative xml:lang="en">First tranche<\/narrative>\s*<narrative xml:lang="de">Erste Tranche<\/narrative>/,
    );
    expect(xml.match(/<document-link [^>]*>/g)).toEqual([
      '<document-link url="https://example.org/plan.pdf" format="application/pdf">',
      '<document-link url="https://example.org/review.pdf" format="application/pdf">',
    ]);
    expect(xml).toContain('<category code="A02"/>');
    expect(xml).toContain('<document-date iso-date="2021-03-01"/>');
    // Again: unchanged. Republished without the review: it goes, a link added by hand stays.
    expect((await importXml(both, true, 'docs.xml')).body.counts).toMatchObject({
      create: 0,
      update: 0,
      delete: 0,
    });
    await staff
      .post(`/api/v1/actions/${id}/documents`)
      .send({ title: 'Minuta', url: 'https://example.org/minuta.pdf' })
      .expect(201);
    const fewer = await importXml(
      activity(doc('https://example.org/plan.pdf', 'Project plan')),
      false,
      'docs.xml',
    );
    expect(fewer.body.byTable.document_links).toMatchObject({ delete: 1, unchanged: 1 });
    const left: { title: string }[] = await t.db.query(
      `SELECT title FROM document_links WHERE action_id = $1`,
      [id],
    );
    expect(left.map((d) => d.title).sort()).toEqual(['Minuta', '[en] Project plan'].sort());
  });

  it('every valid activity file of the schema tests imports without error', async () => {
    const dir = [SHOULD_PASS, SHARED_SHOULD_PASS].find((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
    if (!dir) throw new Error(`No schema tests at ${SHOULD_PASS}`);
    const files = filesUnder(dir).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(50);
    const failures: Record<string, unknown> = {};
    for (const file of files) {
      const res = await staff
        .post('/api/v1/imports/iati?dryRun=false')
        .attach('file', readFileSync(file), 'test.xml');
      if (res.status !== 200 || res.body.errors.length || !res.body.applied)
        failures[relative(dir, file)] = res.status === 200 ? res.body.errors.slice(0, 3) : res.body;
    }
    expect(failures).toEqual({});
  });
});
