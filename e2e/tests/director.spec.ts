import { expect, test, type Locator, type Page } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import {
  apiAs,
  archiveActionAs,
  createActionAs,
  getJson,
  type ActionPage,
  type Grouped,
  type Summary,
} from '../support/api';
import { signedInAs, watchConsole } from '../support/fixtures';
import { formatMoney } from '../support/money';

/** The demo portfolio (api/src/seed/portfolio.data.json). */
const DEMO = {
  actions: 36,
  /** Sum of the demo's "ceiling" records, all in MXN. */
  ceilingsMxn: '266639469.43',
  cffCode: 'IMEPLAN-2018-CFF-PERIBUS',
  cffCeiling: '16,187,025.00',
};

/** Plot area of the by-partner chart (chart-data.ts: grid top 40, bottom 8). */
const GRID = { top: 40, bottom: 8 };

/**
 * Moves the mouse over the first category band of the horizontal bar chart until ECharts shows
 * the pointer cursor (a clickable bar, `cursor: 'pointer'`), then clicks there.
 */
async function clickFirstBar(page: Page, canvas: Locator, bands: number): Promise<void> {
  // The filter bar can push the chart below the fold: the mouse only reaches what is on screen.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the chart canvas has no box');
  const band = (box.height - GRID.top - GRID.bottom) / bands;
  const root = canvas.locator('xpath=..');
  for (let fx = 0.3; fx <= 0.9; fx += 0.1) {
    for (let dy = 2; dy < band - 1; dy += 2) {
      const x = box.x + box.width * fx;
      const y = box.y + GRID.top + dy;
      await page.mouse.move(x, y);
      const cursor = await root.evaluate((el) => getComputedStyle(el).cursor);
      if (cursor === 'pointer') {
        await page.mouse.click(x, y);
        return;
      }
    }
  }
  throw new Error('found no clickable bar in the first band of the by-partner chart');
}

test.describe('director: the portfolio dashboard', () => {
  signedInAs('director');

  test('the key figures match the demo portfolio and the API summary', async ({ page }) => {
    const consoleErrors = watchConsole(page);
    const dashboard = new DashboardPage(page);
    await dashboard.goto();

    const summary = await getJson<Summary>(page.request, '/api/v1/dashboard/summary?currency=MXN');
    expect(summary.actions, 'demo actions').toBe(DEMO.actions);
    expect(summary.money.ceilings.total, 'sum of the demo ceilings (MXN)').toBe(DEMO.ceilingsMxn);

    await expect(dashboard.kpiValue('actions')).toHaveText(String(DEMO.actions));
    await expect(dashboard.kpiValue('partners')).toHaveText(String(summary.partners));
    await expect(dashboard.kpiValue('ceilings')).toHaveText(
      formatMoney(summary.money.ceilings.total, 'MXN'),
    );
    await expect(dashboard.kpiValue('ceilings')).toHaveText('$266,639,469.43 MXN');
    await expect(dashboard.kpiValue('committed')).toHaveText(
      formatMoney(summary.money.committed.total, summary.money.committed.currency ?? 'MXN'),
    );
    await expect(dashboard.kpiValue('executed')).toHaveText(
      formatMoney(summary.money.executed.total, summary.money.executed.currency ?? 'MXN'),
    );

    // The CFF project's own ceiling, on its page.
    const found = await getJson<ActionPage>(
      page.request,
      `/api/v1/actions?q=${encodeURIComponent(DEMO.cffCode)}`,
    );
    const cff = found.items.find((a) => a.code === DEMO.cffCode);
    expect(cff, `${DEMO.cffCode} in the demo data`).toBeDefined();
    const detail = new ActionDetailPage(page);
    await detail.goto(cff!.id);
    await detail.expectLoaded(DEMO.cffCode);
    const funding = await detail.openTab('funding');
    await expect(funding.getByTestId('funding-ceilings')).toContainText(DEMO.cffCeiling);
    consoleErrors.assertNone();
  });

  test('clicking the first bar of the by-partner chart lists only that partner’s actions', async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto();
    const byPartner = await getJson<Grouped>(
      page.request,
      '/api/v1/dashboard/by-partner?currency=MXN&limit=10',
    );
    expect(byPartner.groups.length).toBeGreaterThan(0);
    const first = byPartner.groups[0];
    expect(first.key, 'the largest partner has an id').toBeTruthy();

    const canvas = await dashboard.partnerCanvas();
    await clickFirstBar(page, canvas, byPartner.groups.length);

    await expect(page).toHaveURL(/\/acciones\?/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('partner')).toEqual([first.key]);

    const expected = await getJson<ActionPage>(
      page.request,
      `/api/v1/actions?partner=${first.key}&pageSize=100`,
    );
    expect(expected.total).toBeGreaterThan(0);
    const list = new ActionsPage(page);
    await list.settled();
    await expect(list.rows).toHaveCount(Math.min(expected.total, 25));
    const codes = await list.rows.locator('td').first().allInnerTexts();
    const allowed = new Set(expected.items.map((a) => a.code));
    for (const code of codes) expect(allowed, `row ${code} has the partner`).toContain(code.trim());
  });

  test('the currency switch puts currency=USD in the URL', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto();
    await expect(dashboard.kpi('actions')).toBeVisible();
    await dashboard.currencyButton('USD').click();
    await expect(page).toHaveURL(/[?&]currency=USD(&|$)/);
    await expect(page.getByTestId('currency-USD')).toHaveClass(/mat-button-toggle-checked/);
    await expect(dashboard.kpiValue('ceilings')).toHaveText(/ USD$/);
    await expect(dashboard.kpiValue('actions')).toHaveText(String(DEMO.actions));
  });

  test('an SDG tile with actions opens /acciones?sdg=<n>', async ({ page, baseURL }) => {
    // The demo portfolio states no SDGs: staff tags a throwaway action with SDG 13 first.
    const staff = await apiAs('staff', baseURL);
    const sdg = 13;
    const created = await createActionAs(staff, {
      code: `E2E-SDG-${Date.now()}`,
      kind: 'cooperation_project',
      titleEs: 'Prueba e2e: acción con ODS 13',
      instituteRole: 'recipient',
      sdgs: [sdg],
    });
    try {
      const dashboard = new DashboardPage(page);
      await dashboard.goto();
      const bySdg = await getJson<Grouped>(page.request, '/api/v1/dashboard/by-sdg?currency=MXN');
      const group = bySdg.groups.find((g) => g.key === String(sdg));
      expect(group?.actions ?? 0, `actions with SDG ${sdg}`).toBeGreaterThan(0);

      await expect(dashboard.sdgTile(sdg)).toContainText(String(group!.actions));
      await dashboard.sdgTile(sdg).click();
      await expect(page).toHaveURL(new RegExp(`/acciones\\?(.*&)?sdg=${sdg}(&|$)`));
      const list = new ActionsPage(page);
      await list.settled();
      await expect(list.rows).toHaveCount(Math.min(group!.actions ?? 0, 25));
    } finally {
      await archiveActionAs(staff, created.id);
      await staff.dispose();
    }
  });
});
