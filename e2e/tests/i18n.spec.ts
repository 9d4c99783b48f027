import { expect, test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { hasPath } from '../pages/locale';
import { roleText } from '../pages/shell.page';
import { SignInPage } from '../pages/sign-in.page';
import { signedInAs } from '../support/fixtures';
import { screenshotPage } from '../support/screenshots';
import { DEMO_USERS } from '../support/users';

test.describe('English build, signed out', () => {
  test('/en/ opens the English sign-in form', async ({ page }) => {
    await page.goto('/en/');
    const signIn = new SignInPage(page, 'en');
    await signIn.expectLoaded();
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
    await screenshotPage(page, 'en-sign-in');
  });
});

test.describe('language switch, signed in', () => {
  signedInAs('staff');

  test('Spanish → English keeps the path and shows English', async ({ page }) => {
    const spanish = new ActionsPage(page, 'es');
    await spanish.goto();
    await expect(page.locator('html')).toHaveAttribute('lang', /^es/);
    await expect(spanish.userRole).toHaveText(roleText(DEMO_USERS.staff.roleLabel));

    await spanish.langSwitch.click();

    const english = new ActionsPage(page, 'en');
    await expect(page).toHaveURL(hasPath('/en/acciones'));
    await english.expectLoaded();
    await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
    // Same session, English labels: the role is no longer shown in Spanish.
    await expect(english.userRole).not.toBeEmpty();
    await expect(english.userRole).not.toHaveText(roleText(DEMO_USERS.staff.roleLabel));
    await screenshotPage(page, 'en-acciones-staff');
  });

  test('English → Spanish keeps the path', async ({ page }) => {
    const english = new DashboardPage(page, 'en');
    await english.goto();
    await screenshotPage(page, 'en-tablero-staff');

    await english.langSwitch.click();

    await expect(page).toHaveURL(hasPath('/tablero'));
    const spanish = new DashboardPage(page, 'es');
    await spanish.expectLoaded();
    await expect(page.locator('html')).toHaveAttribute('lang', /^es/);
    await expect(spanish.userRole).toHaveText(roleText(DEMO_USERS.staff.roleLabel));
  });
});
