import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { EXPORT_TABLES } from '../src/exports/export-tables';
import { validateIati } from './fixtures/iati/iati-validation';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { binary } from './support/binary';
import { zipOf } from './support/zip';
import { csvRows } from './support/csv';

const IATI_FIXTURE = join(__dirname, 'fixtures/imports/giz-eu-mexico-activities.xml');
const TABLES = [
  'organisations',
  'actions',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
  'audit_log',
];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await countRows(t.db, table);
  return out;
}

/** The sheets of a workbook as arrays of rows (updated_at, which an import sets, left out). */
async function sheets(xlsx: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((v) => (v instanceof Date ? v.toISOString() : (v ?? null))));
    });
    const skip = (rows[0] ?? []).indexOf('updated_at');
    out[ws.name] = rows.map((r) => r.filter((_, i) => i !== skip));
  }
  return out;
}

/** The rows of a CSV export without one column (updated_at, which an import sets). */
function csvWithout(text: string, column: string): string[][] {
  const rows = csvRows(text);
  const at = rows[0].indexOf(column);
  return rows.map((r) => r.filter((_, i) => i !== at));
}

describe('imports (workbook, CSV, IATI)', () => {
  let srcDb: TestDatabase;
  let dstDb: TestDatabase;
  let src: TestApp;
  let dst: TestApp;
  let srcStaff: SignedInAgent;
  let staff: SignedInAgent;
  let workbook: Buffer;
  const csvs: Record<string, string> = {};

  const download = async (agent: SignedInAgent, url: string) =>
    (await agent.get(url).buffer(true).parse(binary).expect(200)).body as Buffer;
  const importFiles = (
    agent: SignedInAgent,
    kind: 'workbook' | 'csv' | 'iati',
    files: { name: string; data: Buffer | string }[],
    dryRun = false,
  ) => {
    let req = agent.post(`/api/v1/imports/${kind}?dryRun=${dryRun}`);
    for (const f of files)
      req = req.attach('file', Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data), f.name);
    return req;
  };

  beforeAll(async () => {
    [srcDb, dstDb] = await Promise.all([
      createTestDatabase('coopera_test_import_src'),
      createTestDatabase('coopera_test_import_dst'),
    ]);
    src = await bootTestApp({ databaseUrl: srcDb.url });
    dst = await bootTestApp({ databaseUrl: dstDb.url });
    await src.app.get(DemoSeeder).seedIfEmpty();
    srcStaff = await signedIn(src, 'staff');
    staff = await signedIn(dst, 'staff');
    workbook = await download(srcStaff, '/api/v1/exports/portfolio.xlsx');
    for (const table of EXPORT_TABLES)
      csvs[table] = (await download(srcStaff, `/api/v1/exports/${table}.csv`)).toString('utf8');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([src?.close(), dst?.close()]);
    await Promise.all([srcDb?.drop(), dstDb?.drop()]);
  });

  it('dry run of the demo workbook into an empty database reports creates and writes nothing', async () => {
    const before = await counts(dst);
    expect(before.actions).toBe(0);
    const res = await importFiles(
      staff,
      'workbook',
      [{ name: 'portfolio.xlsx', data: workbook }],
      true,
    ).expect(200);
    expect(res.body).toMatchObject({ kind: 'workbook', dryRun: true, applied: false, errors: [] });
    const demoActions = await countRows(src.db, 'actions');
    expect(res.body.byTable.actions).toEqual({
      create: demoActions,
      update: 0,
      unchanged: 0,
      delete: 0,
    });
    expect(res.body.byTable.funding.create).toBe(await countRows(src.db, 'funding'));
    expect(res.body.counts.update + res.body.counts.unchanged).toBe(0);
    expect(res.body.rows[0]).toMatchObject({
      location: { file: 'portfolio.xlsx', sheet: expect.any(String), row: expect.any(Number) },
      outcome: 'create',
    });
    expect(res.body.files[0]).toMatchObject({
      name: 'portfolio.xlsx',
      bytes: workbook.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await counts(dst)).toEqual(before);
  });

  it('round trip: workbook → empty database → workbook gives the same rows in every sheet; a second import changes nothing', async () => {
    const res = await importFiles(staff, 'workbook', [
      { name: 'portfolio.xlsx', data: workbook },
    ]).expect(200);
    expect(res.body.applied).toBe(true);
    expect(res.body.errors).toEqual([]);
    process.stdout.write(
      `\nDemo workbook import (${res.body.counts.create} rows): ${res.body.elapsedMs} ms\n`,
    );
    const again = await download(staff, '/api/v1/exports/portfolio.xlsx');
    const [a, b] = await Promise.all([sheets(workbook), sheets(again)]);
    expect(Object.keys(b)).toEqual([...EXPORT_TABLES]);
    for (const table of EXPORT_TABLES) {
      expect(b[table].length).toBe(a[table].length);
      expect(b[table]).toEqual(a[table]);
    }
    // CSVs of the imported database equal the source's too (exact text, updated_at aside).
    for (const table of EXPORT_TABLES) {
      const csv = (await download(staff, `/api/v1/exports/${table}.csv`)).toString('utf8');
      expect(csvWithout(csv, 'updated_at')).toEqual(csvWithout(csvs[table], 'updated_at'));
    }
    const audits = await dst.db.query(`SELECT after FROM audit_log WHERE entity = 'import'`);
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({
      kind: 'workbook',
      files: [{ name: 'portfolio.xlsx', sha256: res.body.files[0].sha256 }],
      counts: { create: res.body.counts.create },
    });
    const changeAudits = await countRows(dst.db, 'audit_log');
    expect(changeAudits).toBeGreaterThan(res.body.counts.create);

    const before = await counts(dst);
    const second = await importFiles(staff, 'workbook', [
      { name: 'portfolio.xlsx', data: workbook },
    ]).expect(200);
    expect(second.body.counts).toEqual({
      create: 0,
      update: 0,
      unchanged: second.body.counts.unchanged,
      delete: 0,
    });
    expect(second.body.counts.unchanged).toBeGreaterThan(0);
    expect(second.body.rows.every((r: { outcome: string }) => r.outcome === 'unchanged')).toBe(
      true,
    );
    const after = await counts(dst);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log + 1); // the import's own entry only
  });

  it('the CSV tables import as unchanged into the database the workbook filled', async () => {
    const res = await importFiles(
      staff,
      'csv',
      EXPORT_TABLES.map((t) => ({ name: `coopera-${t}-2026-01-31.csv`, data: csvs[t] })),
      true,
    ).expect(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.counts.create + res.body.counts.update).toBe(0);
  });

  it('round trip through the CSV tables into another empty database', async () => {
    const db = await createTestDatabase('coopera_test_import_csv');
    const t = await bootTestApp({ databaseUrl: db.url });
    try {
      const agent = await signedIn(t, 'staff');
      const res = await importFiles(
        agent,
        'csv',
        EXPORT_TABLES.map((tb) => ({ name: `${tb}.csv`, data: csvs[tb] })),
      ).expect(200);
      expect(res.body.errors).toEqual([]);
      for (const table of EXPORT_TABLES) {
        const csv = (await download(agent, `/api/v1/exports/${table}.csv`)).toString('utf8');
        expect(csvWithout(csv, 'updated_at')).toEqual(csvWithout(csvs[table], 'updated_at'));
      }
    } finally {
      await t.close();
      await db.drop();
    }
  });

  it('an invalid row: the error names file, row and column, and nothing is written', async () => {
    const lines = csvs.actions.split('\r\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(',');
    const col = header.indexOf('code');
    const newRow = header.map(() => '');
    newRow[col] = 'NUEVA-2026-01';
    newRow[header.indexOf('kind')] = 'cooperation_project';
    newRow[header.indexOf('title_es')] = 'Acción nueva válida';
    newRow[header.indexOf('institute_role')] = 'recipient';
    const bad = [...newRow];
    bad[col] = 'NUEVA-2026-02';
    bad[header.indexOf('planned_start')] = '2026-02-30';
    bad[header.indexOf('status')] = 'finished';
    const csv = [header.join(','), newRow.join(','), bad.join(','), ''].join('\r\n');
    const before = await counts(dst);
    const res = await importFiles(staff, 'csv', [{ name: 'actions.csv', data: csv }]).expect(400);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          location: { file: 'actions.csv', row: 3, column: 'planned_start' },
          code: 'invalid_date',
          value: '2026-02-30',
        }),
        expect.objectContaining({
          location: { file: 'actions.csv', row: 3, column: 'status' },
          code: 'invalid_value',
        }),
      ]),
    );
    expect(await counts(dst)).toEqual(before);
    // The dry run gives the same list with a 200, and plans the valid row as a create.
    const dry = await importFiles(staff, 'csv', [{ name: 'actions.csv', data: csv }], true).expect(
      200,
    );
    expect(dry.body.errors).toEqual(res.body.details.errors);
    expect(dry.body.rows).toEqual([
      expect.objectContaining({ key: 'NUEVA-2026-01', outcome: 'create' }),
    ]);
    expect(await counts(dst)).toEqual(before);
  });

  it('a child row of an unknown action and a wrong result id are errors with their location', async () => {
    const csv = 'action_code,statement\r\nNO-EXISTE-1,Resultado huérfano\r\n';
    const res = await importFiles(staff, 'csv', [{ name: 'results.csv', data: csv }], true).expect(
      200,
    );
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        location: { file: 'results.csv', row: 2, column: 'action_code' },
        code: 'unknown_action',
      }),
    ]);
  });

  it('a milestone without any date and a money record whose amount is cleared are errors', async () => {
    const [action] = await dst.db.query(`SELECT code FROM actions ORDER BY code LIMIT 1`);
    const milestones = `action_code,type,title,planned_date\r\n${action.code},workshop,Taller sin fecha,\r\n`;
    const funding = csvRows(csvs.funding);
    const amount = funding[0].indexOf('amount');
    funding[1][amount] = '';
    const fundingCsv = funding
      .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
      .join('\r\n');
    const res = await importFiles(
      staff,
      'csv',
      [
        { name: 'milestones.csv', data: milestones },
        { name: 'funding.csv', data: fundingCsv },
      ],
      true,
    ).expect(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        location: { file: 'milestones.csv', row: 2, column: 'planned_date' },
        code: 'required',
      }),
      expect.objectContaining({
        location: { file: 'funding.csv', row: 2, column: 'amount' },
        code: 'required',
      }),
    ]);
  });

  it("imports formula-looking CSV cells as plain text (and unescapes the export's quote)", async () => {
    const csv =
      'code,kind,title_es,institute_role,summary_es,objectives\r\n' +
      `FORMULA-1,award,"=HYPERLINK(""http://evil.example"",""x"")",recipient,"'=1+2",@SUM(A1)\r\n`;
    await importFiles(staff, 'csv', [{ name: 'actions.csv', data: csv }]).expect(200);
    const [row] = await dst.db.query(
      `SELECT title_es, summary_es, objectives FROM actions WHERE code = 'FORMULA-1'`,
    );
    expect(row).toEqual({
      title_es: '=HYPERLINK("http://evil.example","x")',
      summary_es: '=1+2',
      objectives: '@SUM(A1)',
    });
    // …and the export escapes them again.
    const out = (await download(staff, '/api/v1/exports/actions.csv?q=FORMULA-1')).toString('utf8');
    expect(out).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });

  it('refuses unknown and missing columns naming them, and unknown tables', async () => {
    const before = await counts(dst);
    const unknown = await importFiles(staff, 'csv', [
      { name: 'actions.csv', data: 'code,kind,colour,size\r\nX-1,award,red,2\r\n' },
    ]).expect(400);
    expect(unknown.body).toMatchObject({
      code: 'IMPORT_UNKNOWN_COLUMNS',
      details: { file: 'actions.csv', table: 'actions', columns: ['colour', 'size'] },
    });
    const missing = await importFiles(staff, 'csv', [
      { name: 'funding.csv', data: 'action_code,type\r\nX-1,commitment\r\n' },
    ]).expect(400);
    expect(missing.body).toMatchObject({
      code: 'IMPORT_MISSING_COLUMNS',
      details: { columns: ['amount'] },
    });
    await importFiles(staff, 'csv', [{ name: 'datos.csv', data: 'code\r\nX\r\n' }])
      .expect(400)
      .expect((r) => expect(r.body.code).toBe('IMPORT_UNKNOWN_TABLE'));
    await importFiles(staff, 'workbook', [{ name: 'x.xlsx', data: 'code\r\nX\r\n' }])
      .expect(415)
      .expect((r) => expect(r.body.code).toBe('IMPORT_WRONG_FILE_TYPE'));
    await importFiles(staff, 'iati', [{ name: 'x.xml', data: workbook }])
      .expect(415)
      .expect((r) => expect(r.body.code).toBe('IMPORT_WRONG_FILE_TYPE'));
    expect(await counts(dst)).toEqual(before);
  });

  describe('IATI activity files of donors', () => {
    const xml = readFileSync(IATI_FIXTURE);

    it('the fixture is valid IATI 2.03 (XSD)', async () => {
      const result = await validateIati(xml.toString('utf8'));
      expect(result.errors).toEqual([]);
    });

    it('creates actions with participants, transactions, budgets, results and SDGs; a re-import changes nothing', async () => {
      const dry = await importFiles(staff, 'iati', [{ name: 'giz.xml', data: xml }], true).expect(
        200,
      );
      expect(dry.body.errors).toEqual([]);
      expect(dry.body.byTable.actions).toEqual({ create: 2, update: 0, unchanged: 0, delete: 0 });
      // Every transaction type is kept (13, incoming funds, repayments…): nothing skipped.
      expect(dry.body.warnings).toEqual([]);
      const res = await importFiles(staff, 'iati', [{ name: 'giz.xml', data: xml }]).expect(200);
      expect(res.body.applied).toBe(true);
      const [action] = await dst.db.query(
        `SELECT id, code, title_es, title_en, status, kind, institute_role, scheme, sdgs::int[] AS sdgs, themes,
                to_char(planned_start, 'YYYY-MM-DD') AS planned_start, to_char(actual_start, 'YYYY-MM-DD') AS actual_start,
                to_char(planned_end, 'YYYY-MM-DD') AS planned_end, source
           FROM actions WHERE code = 'DE-1-202122334.2004'`,
      );
      expect(action).toMatchObject({
        title_es: 'Ciudades y cambio climático en México (CiClim)',
        title_en: 'Cities and climate change in Mexico (CiClim)',
        status: 'implementation',
        kind: 'cooperation_project',
        institute_role: 'recipient',
        scheme: 'bilateral',
        sdgs: [11, 13],
        themes: ['dac-41010', 'dac-43030'],
        planned_start: '2022-01-01',
        actual_start: '2022-03-15',
        planned_end: '2025-12-31',
        source: expect.stringContaining('IATI DE-1-202122334.2004'),
      });
      const participants = await dst.db.query(
        `SELECT o.name, o.iati_ref, o.type, p.role FROM participations p JOIN organisations o ON o.id = p.organisation_id
          WHERE p.action_id = $1 ORDER BY p.role, o.name`,
        [action.id],
      );
      expect(participants).toEqual([
        expect.objectContaining({ role: 'extending', iati_ref: 'DE-1' }),
        expect.objectContaining({
          role: 'funding',
          iati_ref: 'XM-DAC-5-7',
          type: 'bilateral_agency',
        }),
        expect.objectContaining({ role: 'implementing', iati_ref: 'DE-1' }),
        expect.objectContaining({ role: 'implementing', type: 'subnational_government' }),
        // The reporting organisation is an organisation of the activity, in a role that says so.
        expect.objectContaining({ role: 'reporting', iati_ref: 'DE-1' }),
      ]);
      const money = await dst.db.query(
        `SELECT type, amount::text, currency, to_char(value_date, 'YYYY-MM-DD') AS value_date FROM funding
          WHERE action_id = $1 ORDER BY value_date`,
        [action.id],
      );
      expect(money).toEqual([
        { type: 'other_flow', amount: '500000.00', currency: 'EUR', value_date: '2021-10-01' },
        {
          type: 'incoming_commitment',
          amount: '4500000.00',
          currency: 'EUR',
          value_date: '2021-11-30',
        },
        { type: 'ceiling', amount: '1200000.00', currency: 'EUR', value_date: '2022-01-01' },
        { type: 'disbursement', amount: '850000.25', currency: 'EUR', value_date: '2022-06-30' },
        { type: 'ceiling', amount: '1450000.50', currency: 'EUR', value_date: '2023-01-01' },
        { type: 'expenditure', amount: '2300000.00', currency: 'MXN', value_date: '2023-03-31' },
      ]);
      const indicators = await dst.db.query(
        `SELECT r.statement, n.name, n.unit, n.baseline::text, n.target::text, to_char(n.target_date, 'YYYY-MM-DD') AS target_date,
                n.actual::text, to_char(n.actual_date, 'YYYY-MM-DD') AS actual_date
           FROM indicators n JOIN results r ON r.id = n.result_id WHERE r.action_id = $1`,
        [action.id],
      );
      expect(indicators).toEqual([
        {
          statement: 'Planes climáticos metropolitanos aprobados',
          name: 'Áreas metropolitanas con plan de acción climática aprobado',
          unit: 'áreas metropolitanas',
          baseline: '0',
          target: '3',
          target_date: '2025-12-31',
          actual: '1',
          actual_date: '2023-12-31',
        },
      ]);
      const [eu] = await dst.db.query(
        `SELECT code, status, sdgs::int[] AS sdgs, scheme FROM actions WHERE code LIKE 'XI-IATI%'`,
      );
      expect(eu).toEqual({
        code: 'XI-IATI-EC_INTPA-2021-428-455',
        status: 'finalisation',
        sdgs: [11, 17],
        scheme: 'multilateral',
      });

      const before = await counts(dst);
      const again = await importFiles(staff, 'iati', [{ name: 'giz.xml', data: xml }]).expect(200);
      expect(again.body.counts.create + again.body.counts.update).toBe(0);
      expect(again.body.counts.unchanged).toBe(
        res.body.counts.create - res.body.byTable.organisations.create,
      );
      expect({ ...(await counts(dst)), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    });

    it('imports the IATI annotated example of the standard without errors', async () => {
      const example = readFileSync(
        '/work/shared/iati/examples/activity-standard-example-annotated.xml',
      );
      const res = await importFiles(staff, 'iati', [{ name: 'example.xml', data: example }], true);
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([]);
      expect(res.body.byTable.actions.create).toBe(1);
    });
  });

  describe('hostile files are refused and write nothing', () => {
    let before: Record<string, number>;
    beforeEach(async () => {
      before = await counts(dst);
    });
    afterEach(async () => {
      expect(await counts(dst)).toEqual(before);
    });

    it('XXE: an external entity is refused before parsing', async () => {
      const xxe = `<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>`;
      const res = await importFiles(staff, 'iati', [{ name: 'xxe.xml', data: xxe }]).expect(400);
      expect(res.body.code).toBe('IMPORT_XML_DOCTYPE');
      expect(JSON.stringify(res.body)).not.toContain('root:');
    });

    it('billion laughs: entity expansion is refused', async () => {
      const lol = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol">',
        ...Array.from(
          { length: 9 },
          (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
        ),
        ']>',
        '<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>',
      ].join('\n');
      const res = await importFiles(staff, 'iati', [{ name: 'lol.xml', data: lol }], true).expect(
        400,
      );
      expect(res.body.code).toBe('IMPORT_XML_DOCTYPE');
    });

    it('zip bomb: a small workbook with a huge deflated entry is refused from its central directory', async () => {
      const bomb = zipOf(
        [
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(32 * 1024 * 1024, 0x20) },
        ],
        { level: 9 },
      );
      expect(bomb.length).toBeLessThan(200 * 1024);
      const res = await importFiles(staff, 'workbook', [{ name: 'bomb.xlsx', data: bomb }]).expect(
        400,
      );
      expect(res.body).toMatchObject({
        code: 'IMPORT_ZIP_BOMB',
        details: { reason: 'ratio', entry: 'xl/worksheets/sheet1.xml' },
      });
    });

    it('a workbook whose directory under-declares an entry is caught while inflating it', async () => {
      const liar = zipOf(
        [
          {
            name: 'xl/worksheets/sheet1.xml',
            data: Buffer.alloc(64 * 1024 * 1024, 0x20),
            declaredSize: 1000,
          },
        ],
        { level: 9 },
      );
      const res = await importFiles(staff, 'workbook', [{ name: 'liar.xlsx', data: liar }]).expect(
        400,
      );
      expect(res.body).toMatchObject({
        code: 'IMPORT_CORRUPT_FILE',
        details: { reason: expect.stringContaining('too many bytes in the stream') },
      });
    });

    it('a workbook with too many entries is refused', async () => {
      const many = zipOf(
        Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })),
        { level: 9 },
      );
      const res = await importFiles(staff, 'workbook', [{ name: 'many.xlsx', data: many }]).expect(
        400,
      );
      expect(res.body).toMatchObject({ code: 'IMPORT_ZIP_BOMB', details: { reason: 'entries' } });
    });

    it('a file over IMPORT_MAX_BYTES answers 413', async () => {
      const small = await bootTestApp({ databaseUrl: dstDb.url, importMaxBytes: 4096 });
      try {
        const agent = await signedIn(small, 'staff');
        const res = await importFiles(agent, 'csv', [
          { name: 'actions.csv', data: `code\r\n${'A-1\r\n'.repeat(2000)}` },
        ]).expect(413);
        expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', details: { limitBytes: 4096 } });
      } finally {
        await small.close();
      }
    });
  });

  it('rate-limits imports per user: 429 with Retry-After', async () => {
    const limited = await bootTestApp({ databaseUrl: dstDb.url, importRateLimit: 2 });
    try {
      const agent = await signedIn(limited, 'staff');
      const csv = { name: 'results.csv', data: 'action_code,statement\r\n' };
      await importFiles(agent, 'csv', [csv], true).expect(200);
      await importFiles(agent, 'csv', [csv], true).expect(200);
      const res = await importFiles(agent, 'csv', [csv], true).expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another user still may.
      const other = await signedIn(limited, 'admin');
      await importFiles(other, 'csv', [csv], true).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('only staff and admins may import', async () => {
    const [org] = await dst.db.query(`SELECT id FROM organisations LIMIT 1`);
    for (const role of ['director', 'partner'] as const) {
      const agent = await signedIn(dst, role, {
        organisationId: role === 'partner' ? org.id : null,
      });
      await importFiles(
        agent,
        'csv',
        [{ name: 'results.csv', data: 'action_code,statement\r\n' }],
        true,
      ).expect(403);
    }
  });
});
