import { expect, test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { SignInPage } from '../pages/sign-in.page';
import { audit } from '../support/a11y';
import { apiAs, getJson } from '../support/api';
import { signedInAs } from '../support/fixtures';

test.describe('accessibility, signed out', () => {
  test('sign-in page', async ({ page }, testInfo) => {
    await new SignInPage(page).goto();
    await audit(page, 'es-iniciar-sesion', testInfo);
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
