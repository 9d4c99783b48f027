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

test.describe('accessibility, board follow-up and progress', () => {
  test.describe('director', () => {
    signedInAs('director');

    test('board sessions, a session, its report and the agreements', async ({
      page,
      baseURL,
    }, testInfo) => {
      test.setTimeout(90_000);
      const api = await apiAs('director', baseURL);
      const sessions = await getJson<{ id: string; number: number }[]>(
        api,
        '/api/v1/board-sessions',
      );
      await api.dispose();
      const id = sessions.find((s) => s.number === 12)?.id;
      expect(id, 'the demo session 12').toBeTruthy();

      await page.goto('/junta');
      await expect(page.getByTestId('sessions-table')).toBeVisible();
      await audit(page, 'es-junta-director', testInfo);

      await page.goto(`/junta/${id}`);
      await page.getByTestId('agreement-JD-XI-1').getByRole('button').first().click();
      await expect(page.getByTestId('agreement-notes').first()).toBeVisible();
      await audit(page, 'es-junta-sesion-director', testInfo);

      await page.goto(`/junta/${id}/informe`);
      await expect(page.getByTestId('board-report')).toBeVisible();
      await audit(page, 'es-junta-informe-director', testInfo);

      await page.goto('/acuerdos');
      await expect(page.getByTestId('agreements-table')).toBeVisible();
      await audit(page, 'es-acuerdos-director', testInfo);
    });
  });

  test.describe('staff', () => {
    signedInAs('staff');

    test('the progress tab of an action (/acciones/:id)', async ({ page, baseURL }, testInfo) => {
      const api = await apiAs('staff', baseURL);
      const list = await getJson<{ items: { id: string }[] }>(
        api,
        '/api/v1/actions?q=IURC&pageSize=10',
      );
      await api.dispose();
      await page.goto(`/acciones/${list.items[0].id}`);
      await page.getByRole('tab', { name: 'Avance', exact: true }).click();
      await expect(page.getByTestId('stages')).toBeVisible();
      await audit(page, 'es-accion-avance-staff', testInfo);
    });
  });

  test.describe('admin', () => {
    signedInAs('admin');

    test('progress settings (/admin/avance)', async ({ page }, testInfo) => {
      await page.goto('/admin/avance');
      await expect(page.getByTestId('weight-sum')).toContainText('100 %');
      await audit(page, 'es-admin-avance', testInfo);
    });
  });
});
