import { expect, test, type Page } from '@playwright/test';
import { ACTION_TABS, ActionDetailPage, type ActionTab } from '../pages/action-detail.page';
import { ActionFormPage } from '../pages/action-form.page';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { SignInPage } from '../pages/sign-in.page';
import { audit } from '../support/a11y';
import { getJson, type ActionPage } from '../support/api';
import { signedInAs, watchConsole } from '../support/fixtures';

/**
 * Every page at 1440×900 and 390×844 (e2e/artifacts/page-*.png), each checked with axe: no
 * serious or critical WCAG 2.2 AA violation.
 */

/** A demo action with partners, ceilings and milestones. */
const CFF_CODE = 'IMEPLAN-2018-CFF-PERIBUS';

async function actionId(page: Page, code: string): Promise<string> {
  const found = await getJson<ActionPage>(
    page.request,
    `/api/v1/actions?q=${encodeURIComponent(code)}`,
  );
  const action = found.items.find((a) => a.code === code);
  if (!action) throw new Error(`${code} is not in the demo data`);
  return action.id;
}

/** The dashboard with its charts drawn (no loading state left). */
async function dashboardReady(page: Page, locale: 'es' | 'en'): Promise<void> {
  const dashboard = new DashboardPage(page, locale);
  await dashboard.goto();
  await expect(dashboard.kpi('actions')).toBeVisible();
  await expect(dashboard.partnerChart.locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
}

test.describe('screenshots and axe, signed out', () => {
  test('sign-in', async ({ page }, testInfo) => {
    await new SignInPage(page).goto();
    await audit(page, 'page-es-iniciar-sesion', testInfo);
  });
});

test.describe('screenshots and axe, staff', () => {
  signedInAs('staff');

  test('tablero', async ({ page }, testInfo) => {
    await dashboardReady(page, 'es');
    await audit(page, 'page-es-tablero', testInfo);
  });

  test('acciones', async ({ page }, testInfo) => {
    // Axe and two full-page screenshots of a list with money columns: slower on two cores.
    test.setTimeout(60_000);
    const list = new ActionsPage(page);
    await list.goto();
    await list.settled();
    await audit(page, 'page-es-acciones', testInfo);
  });

  for (const tab of Object.keys(ACTION_TABS) as ActionTab[]) {
    test(`action page, tab ${ACTION_TABS[tab]}`, async ({ page }, testInfo) => {
      const detail = new ActionDetailPage(page);
      await detail.goto(await actionId(page, CFF_CODE));
      await detail.expectLoaded(CFF_CODE);
      const panel = await detail.openTab(tab);
      await expect(panel).toBeVisible();
      await expect(panel.getByRole('status')).toHaveCount(0);
      await audit(page, `page-es-accion-${tab}`, testInfo);
    });
  }

  test('new action form', async ({ page }, testInfo) => {
    await new ActionFormPage(page).gotoNew();
    await audit(page, 'page-es-accion-nueva', testInfo);
  });

  test('socios', async ({ page }, testInfo) => {
    await page.goto('/socios');
    await expect(page.getByRole('heading', { name: 'Socios', level: 1 })).toBeVisible();
    await expect(page.getByTestId('partner-row').first()).toBeVisible();
    await audit(page, 'page-es-socios', testInfo);
  });

  test('a partner page (GIZ)', async ({ page }, testInfo) => {
    const orgs = await getJson<{ items: { id: string; acronym: string | null }[] }>(
      page.request,
      '/api/v1/organisations?q=GIZ&pageSize=20',
    );
    const giz = orgs.items.find((o) => o.acronym === 'GIZ');
    expect(giz, 'the GIZ organisation').toBeDefined();
    const consoleErrors = watchConsole(page);
    await page.goto(`/socios/${giz!.id}`);
    await expect(page.getByTestId('partner-name')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect.soft(consoleErrors.errors, 'console errors on the partner page').toEqual([]);
    // Screenshots and axe first, so the page is recorded even when the list below is missing.
    await audit(page, 'page-es-socio-giz', testInfo);
    // GIZ takes part in demo actions: the page lists them (a table, not the empty state).
    await expect(page.getByTestId('action-row').first()).toBeVisible();
  });

  test('tablero in English', async ({ page }, testInfo) => {
    await dashboardReady(page, 'en');
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
    await audit(page, 'page-en-tablero', testInfo);
  });

  test('acciones in English', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const list = new ActionsPage(page, 'en');
    await list.goto();
    await list.settled();
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
    await audit(page, 'page-en-acciones', testInfo);
  });
});

test.describe('screenshots and axe, admin', () => {
  signedInAs('admin');

  test('admin/usuarios', async ({ page }, testInfo) => {
    await page.goto('/admin/usuarios');
    await expect(page.getByRole('heading', { name: 'Usuarios', level: 1 })).toBeVisible();
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await audit(page, 'page-es-admin-usuarios', testInfo);
  });

  test('admin/tipos-de-cambio', async ({ page }, testInfo) => {
    await page.goto('/admin/tipos-de-cambio');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('add-rate')).toBeVisible();
    await expect(page.getByTestId('import-rates')).toBeVisible();
    await audit(page, 'page-es-admin-tipos-de-cambio', testInfo);
  });

  test('admin/temas', async ({ page }, testInfo) => {
    await page.goto('/admin/temas');
    await expect(page.getByRole('heading', { name: 'Temas', level: 1 })).toBeVisible();
    await expect(page.getByTestId('theme-row').first()).toBeVisible();
    await audit(page, 'page-es-admin-temas', testInfo);
  });
});
