import { test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { SignInPage } from '../pages/sign-in.page';
import { audit } from '../support/a11y';
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
