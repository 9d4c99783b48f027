import ExcelJS from 'exceljs';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { EXPORT_TABLES } from '../src/exports/export-tables';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { csvRows } from './support/csv';
import { counts, download, importFiles } from './support/import-files';

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

describe('imports: round trips of the workbook and the CSV tables', () => {
  let srcDb: TestDatabase;
  let dstDb: TestDatabase;
  let src: TestApp;
  let dst: TestApp;
  let srcStaff: SignedInAgent;
  let staff: SignedInAgent;
  let workbook: Buffer;
  const csvs: Record<string, string> = {};

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
});
