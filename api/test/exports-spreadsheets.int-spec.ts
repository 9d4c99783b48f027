import ExcelJS from 'exceljs';
import { TestApp } from './support/test-app';
import { binary } from './support/binary';
import { csvObjects } from './support/csv';
import { exportPortfolio, HOSTILE } from './support/export-portfolio';
import type { SignedInAgent } from './support/factories';

describe('exports: workbooks for people and the XLSX portfolio', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let ownCode: string;
  let ownId: string;

  beforeAll(async () => {
    ({ t, director, ownCode, ownId } = await exportPortfolio());
  });
  afterAll(() => t.close());

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
});
