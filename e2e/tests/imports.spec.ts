import { expect, test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { ImportsPage } from '../pages/imports.page';
import { audit } from '../support/a11y';
import { getJson, type ActionPage } from '../support/api';
import { signedInAs, watchConsole } from '../support/fixtures';

test.describe('staff: importing the export formats', () => {
  signedInAs('staff');

  test('the workbook just exported imports as all unchanged (dry run), reached from the navigation', async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const download = await page.request.get('/api/v1/exports/portfolio.xlsx');
    expect(download.status()).toBe(200);
    const workbook = await download.body();
    const total = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=1');

    const list = new ActionsPage(page);
    await list.goto();
    await page.getByTestId('nav-imports').click();
    const imports = new ImportsPage(page);
    await expect(page).toHaveURL(/\/importar$/);
    await expect(imports.heading).toHaveText('Importar datos');
    await expect(imports.dryRun).toBeDisabled();
    await imports.chooseKind('workbook');
    await imports.chooseFiles([
      {
        name: 'coopera-portfolio.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: workbook,
      },
    ]);
    await imports.dryRun.click();
    await expect(imports.plan).toBeVisible({ timeout: 30_000 });
    await expect(imports.count('errors')).toHaveText('0');
    await expect(imports.count('create')).toHaveText('0');
    await expect(imports.count('update')).toHaveText('0');
    const unchanged = Number(await imports.count('unchanged').textContent());
    expect(unchanged).toBeGreaterThanOrEqual(total.total);
    await expect(imports.rows.first()).toHaveAttribute('data-outcome', 'unchanged');
    await expect(
      imports.plan.getByText('Plan de la importación (aún no se escribió nada)'),
    ).toBeVisible();
    await audit(page, 'es-importar-plan', testInfo);
    consoleErrors.assertNone();
  });

  test('a CSV with one new action: dry run shows it created, «Importar» writes it and the list shows it', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const code = `IMP-E2E-${Date.now()}`;
    const title = `Acción importada por CSV ${code}`;
    const csv =
      'code,kind,title_es,institute_role,status,planned_start,themes,sdgs\r\n' +
      `${code},cooperation_project,${title},recipient,pipeline,2027-01-15,movilidad; genero,11; 5\r\n`;
    const imports = new ImportsPage(page);
    await imports.goto();
    await imports.chooseKind('csv');
    await imports.chooseFiles([
      { name: 'actions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    ]);
    await expect(imports.apply).toBeDisabled();
    await imports.dryRun.click();
    await expect(imports.count('create')).toHaveText('1');
    await expect(imports.rows).toHaveCount(1);
    await expect(imports.rows.first()).toContainText(code);
    await expect(imports.rows.first()).toContainText('Se crea');
    await imports.apply.click();
    await expect(imports.plan.getByText('Importación aplicada')).toBeVisible();
    await expect(imports.apply).toBeDisabled();

    await page.getByTestId('import-see-actions').click();
    const list = new ActionsPage(page);
    await list.goto({ q: code });
    await expect(list.rows).toHaveCount(1);
    await expect(list.rows.first()).toContainText(code);
    await expect(list.rows.first()).toContainText(title);
    consoleErrors.assertNone();
  });

  test('an invalid row is listed with its location and blocks the import', async ({ page }) => {
    const imports = new ImportsPage(page);
    await imports.goto();
    await imports.chooseKind('csv');
    const csv =
      'code,kind,title_es,institute_role,planned_start\r\nIMP-BAD-1,award,Premio,recipient,2026-02-30\r\n';
    await imports.chooseFiles([
      { name: 'actions.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
    ]);
    await imports.dryRun.click();
    await expect(imports.count('errors')).toHaveText('1');
    await expect(imports.errors.first()).toContainText(
      'actions.csv · fila 2 · columna planned_start',
    );
    await expect(imports.errors.first()).toContainText('Fecha no válida (aaaa-mm-dd).');
    await expect(imports.apply).toBeDisabled();
  });
});
