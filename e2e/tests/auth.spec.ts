import { expect, test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import { hasPath } from '../pages/locale';
import { SIGN_IN_PATH, SignInPage } from '../pages/sign-in.page';
import { DEMO_USERS, ROLES } from '../support/users';

test.describe('sign-in form', () => {
  for (const role of ROLES) {
    const user = DEMO_USERS[role];

    test(`${role} (${user.email}) signs in and sees "${user.roleLabel}" in the toolbar`, async ({
      page,
    }) => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(user.email, user.password);

      const dashboard = new DashboardPage(page);
      await dashboard.expectLoaded();
      await dashboard.expectSignedInAs(user.roleLabel, user.organisation);
    });
  }

  test('returns to the requested page after sign-in', async ({ page }) => {
    const user = DEMO_USERS.staff;
    await page.goto(ActionsPage.PATH);
    const signIn = new SignInPage(page);
    await signIn.expectLoaded();

    await signIn.signIn(user.email, user.password);

    const actions = new ActionsPage(page);
    await actions.expectLoaded();
    await actions.expectSignedInAs(user.roleLabel);
  });

  test('a wrong password shows an error and keeps the visitor signed out', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(DEMO_USERS.director.email, 'not-the-password');

    await expect(signIn.error).toBeVisible();
    await expect(page).toHaveURL(hasPath(SIGN_IN_PATH));
    await expect(page.getByTestId('user-name')).toHaveCount(0);
  });
});
