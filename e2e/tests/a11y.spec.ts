import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { SharedActionPage } from '../pages/shared-action.page';
import { SignInPage } from '../pages/sign-in.page';
import { audit } from '../support/a11y';
import { apiAs, getJson, xsrfHeaderOf, type ActionPage } from '../support/api';
import { signedInAs } from '../support/fixtures';

test.describe('accessibility, signed out', () => {
  test('sign-in page', async ({ page }, testInfo) => {
    await new SignInPage(page).goto();
    await audit(page, 'es-iniciar-sesion', testInfo);
  });

  test('share link page (/compartido/:token), open and no longer available', async ({
    page,
    baseURL,
  }, testInfo) => {
    const staff = await apiAs('staff', baseURL);
    let token: string;
    try {
      const found = await getJson<ActionPage>(staff, '/api/v1/actions?q=IMEPLAN-2018-CFF-PERIBUS');
      const response = await staff.post(`/api/v1/actions/${found.items[0].id}/share-links`, {
        data: { expiresInDays: 1, label: 'a11y' },
        headers: xsrfHeaderOf('staff'),
      });
      expect(response.status()).toBe(201);
      token = ((await response.json()) as { token: string }).token;
    } finally {
      await staff.dispose();
    }
    const shared = new SharedActionPage(page);
    await shared.goto(`/compartido/${token}`);
    await shared.expectShows('IMEPLAN-2018-CFF-PERIBUS');
    await audit(page, 'es-compartido', testInfo);
    await shared.goto('/compartido/no-existe-este-enlace-0000000000');
    await shared.expectUnavailable();
    await audit(page, 'es-compartido-no-disponible', testInfo);
  });
});

test.describe('accessibility, signed in', () => {
  signedInAs('staff');

  test('dashboard (/tablero)', async ({ page }, testInfo) => {
    await new DashboardPage(page).goto();
    await audit(page, 'es-tablero-staff', testInfo);
  });

  test('portfolio list (/acciones)', async ({ page }, testInfo) => {
    await new ActionsPage(page).goto();
    await audit(page, 'es-acciones-staff', testInfo);
  });

  test('export menu of the list and share-links dialog of an action', async ({
    page,
  }, testInfo) => {
    const list = new ActionsPage(page);
    await list.goto();
    await list.exports.button.click();
    await expect(page.getByTestId('export-xlsx')).toBeVisible();
    await audit(page, 'es-acciones-exportar-staff', testInfo);
    await page.keyboard.press('Escape');

    const found = await getJson<ActionPage>(
      page.request,
      '/api/v1/actions?q=IMEPLAN-2018-CFF-PERIBUS',
    );
    const detail = new ActionDetailPage(page);
    await detail.goto(found.items[0].id);
    await detail.expectLoaded('IMEPLAN-2018-CFF-PERIBUS');
    await detail.createShareLink();
    await expect(detail.dialog.getByTestId('share-link-row').first()).toBeVisible();
    await audit(page, 'es-accion-compartir-staff', testInfo);
  });
});
