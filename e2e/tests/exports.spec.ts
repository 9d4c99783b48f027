import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { getJson, type ActionPage } from '../support/api';
import { signedInAs } from '../support/fixtures';
import { column, expectCsv, expectPdf, expectXlsx, iatiIdentifiers } from '../support/files';

/** The Spanish word of each table in the people's file names (coopera-acciones-<day>.csv). */
const FILE_WORDS: Record<string, string> = {
  actions: 'acciones',
  participations: 'socios',
  funding: 'financiamiento',
  milestones: 'hitos',
  results: 'resultados',
  indicators: 'indicadores',
};

/** A demo action with partners, money, milestones and IATI data (start date, themes). */
const CODE = 'IMEPLAN-2018-CFF-PERIBUS';
const TABLES = ['actions', 'participations', 'funding', 'milestones', 'results', 'indicators'];
const DATED = /-\d{4}-\d{2}-\d{2}\./;

test.describe('exports: files downloaded from the action page and the list', () => {
  signedInAs('staff');

  test('the action page exports the project sheet (es, en), its tables and the IATI file', async ({
    page,
  }) => {
    const found = await getJson<ActionPage>(page.request, `/api/v1/actions?q=${CODE}`);
    const action = found.items.find((a) => a.code === CODE);
    expect(action, CODE).toBeDefined();

    const detail = new ActionDetailPage(page);
    await detail.goto(action!.id);
    await detail.expectLoaded(CODE);
    expect(await detail.exports.keys()).toEqual([
      'sheet-es',
      'sheet-en',
      'xlsx',
      ...TABLES.map((t) => `csv-${t}`),
      'iati',
    ]);

    const es = await detail.exports.download('sheet-es');
    expect(es.name).toBe(`${CODE}-ficha.pdf`);
    expectPdf(es.bytes);

    const en = await detail.exports.download('sheet-en');
    expect(en.name).toBe(`${CODE}-sheet.pdf`);
    expectPdf(en.bytes);
    expect(en.bytes.equals(es.bytes), 'the English sheet differs from the Spanish one').toBe(false);

    // The action's own rows only: the list exports narrowed to its id.
    const xlsx = await detail.exports.download('xlsx');
    expectXlsx(xlsx.bytes);
    for (const table of ['actions', 'funding', 'milestones']) {
      const csv = await detail.exports.download(`csv-${table}`);
      // Tables for people: labelled headers in the app's language.
      const key = table === 'actions' ? 'Clave' : 'Clave de la acción';
      const inFile = column(expectCsv(csv.bytes, key), key);
      expect(inFile.length, `${table}.csv of ${CODE}`).toBeGreaterThan(0);
      expect(new Set(inFile)).toEqual(new Set([CODE]));
    }

    const iati = await detail.exports.download('iati');
    expect(iati.name).toBe(`${CODE}-iati.xml`);
    const ids = iatiIdentifiers(iati.bytes);
    expect(ids).toHaveLength(1);
    expect(ids[0].endsWith(`-${CODE}`), ids[0]).toBe(true);
    await expect(page.getByText(`Descargado: ${CODE}-iati.xml`)).toBeVisible();
  });

  test('the list exports exactly the actions of its current filters, in every format', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const filtered = await getJson<ActionPage>(
      page.request,
      '/api/v1/actions?kind=award&pageSize=100',
    );
    const codes = filtered.items.map((a) => a.code).sort();
    const all = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=1');
    expect(codes.length).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(codes.length);

    const list = new ActionsPage(page);
    await list.goto({ kind: 'award' });
    await list.settled();
    await expect(list.rows).toHaveCount(codes.length);
    await list.exports.button.click();
    await expect(page.getByTestId('export-caption')).toContainText(String(codes.length));
    await page.keyboard.press('Escape');

    const xlsx = await list.exports.download('xlsx');
    expect(xlsx.name).toMatch(/^coopera-portafolio-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expectXlsx(xlsx.bytes);

    for (const table of TABLES) {
      const csv = await list.exports.download(`csv-${table}`);
      expect(csv.name.startsWith(`coopera-${FILE_WORDS[table]}-`), csv.name).toBe(true);
      expect(csv.name).toMatch(DATED);
      const key = table === 'actions' ? 'Clave' : 'Clave de la acción';
      const rows = expectCsv(csv.bytes, key);
      const inFile = column(rows, key);
      if (table === 'actions') {
        expect([...inFile].sort(), 'the actions CSV holds exactly the filtered actions').toEqual(
          codes,
        );
      } else {
        for (const code of inFile) expect(codes, `${table}.csv row of ${code}`).toContain(code);
      }
      if (table === 'participations') expect(inFile.length).toBeGreaterThan(0);
    }

    const iati = await list.exports.download('iati');
    expect(iati.name).toMatch(/^coopera-iati-\d{4}-\d{2}-\d{2}\.xml$/);
    const ids = iatiIdentifiers(iati.bytes);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(
        codes.some((code) => id.endsWith(`-${code}`)),
        `${id} is one of the filtered actions`,
      ).toBe(true);
    }
  });

  test('a failed export says why, translated by its error code', async ({ page }) => {
    const list = new ActionsPage(page);
    await page.goto('/acciones?q=ninguna-accion-se-llama-asi');
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await list.exports.button.click();
    await page.getByTestId('export-iati').click();
    await expect(
      page.getByText(/No se pudo descargar «IATI 2\.03 \(XML\)»\. Nada que publicar/),
    ).toBeVisible();
    await expect(list.exports.button).toBeEnabled();
  });
});

test.describe('exports: a partner (GIZ)', () => {
  signedInAs('partner');

  test('exports its own action and its scoped list, and cannot share', async ({ page }) => {
    const own = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=100');
    const action = own.items.find((a) => a.code === 'IMEPLAN-2017-ARBOL-IOT');
    expect(action, 'GIZ takes part in Árbol IoT').toBeDefined();

    const detail = new ActionDetailPage(page);
    await detail.goto(action!.id);
    await detail.expectLoaded(action!.code);
    await expect(page.getByTestId('share-links')).toHaveCount(0);
    const sheet = await detail.exports.download('sheet-en');
    expect(sheet.name).toBe(`${action!.code}-sheet.pdf`);
    expectPdf(sheet.bytes);

    const list = new ActionsPage(page);
    await list.goto();
    const csv = await list.exports.download('csv-actions');
    const rows = expectCsv(csv.bytes, 'Clave');
    expect(column(rows, 'Clave').sort()).toEqual(own.items.map((a) => a.code).sort());
    expect(rows[0], 'no internal notes for partners').not.toContain('Notas');
  });
});
