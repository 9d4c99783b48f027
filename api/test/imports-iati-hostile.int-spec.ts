import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { validateIati } from './fixtures/iati/iati-validation';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { zipOf } from './support/zip';
import { counts, importFiles } from './support/import-files';

const IATI_FIXTURE = join(__dirname, 'fixtures/imports/giz-eu-mexico-activities.xml');

/**
 * Donor IATI files, hostile files and who may import, into a database of its own holding the
 * demo portfolio (what imports-round-trip leaves in its target database).
 */
describe('imports: IATI files of donors, hostile files, limits and roles', () => {
  let dstDb: TestDatabase;
  let dst: TestApp;
  let staff: SignedInAgent;

  beforeAll(async () => {
    dstDb = await createTestDatabase('coopera_test_import_dst');
    dst = await bootTestApp({ databaseUrl: dstDb.url });
    await dst.app.get(DemoSeeder).seedIfEmpty();
    staff = await signedIn(dst, 'staff');
  }, 120_000);
  afterAll(async () => {
    await dst?.close();
    await dstDb?.drop();
  });

  describe('IATI activity files of donors', () => {
    const xml = readFileSync(IATI_FIXTURE);

    it('the fixture is valid IATI 2.03 (XSD)', async () => {
      const result = await validateIati(xml.toString('utf8'));
      expect(result.errors).toEqual([]);
    });

    /** The GIZ action's participants, money and indicators, as the IATI file holds them. */
    async function checkGizParts(actionId: string) {
      const participants = await dst.db.query(
        `SELECT o.name, o.iati_ref, o.type, p.role FROM participations p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.action_id = $1 ORDER BY p.role, o.name`,
        [actionId],
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
        [actionId],
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
        [actionId],
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
    }

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
      await checkGizParts(action.id);
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
