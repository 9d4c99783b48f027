import { expect, test } from '@playwright/test';
import { ActionsPage } from '../pages/actions.page';
import { SignInPage } from '../pages/sign-in.page';
import { apiAs, xsrfHeaderOf } from '../support/api';

/** Issue 17: a password an admin set is changed at the first sign-in, before anything else. */
test.describe('temporary password', () => {
  test('a new user signs in with the one-time password and must choose their own first', async ({
    page,
    baseURL,
  }) => {
    const admin = await apiAs('admin', baseURL);
    const email = `temporal-${Date.now()}@imeplan.mx`;
    const response = await admin.post('/api/v1/users', {
      data: { email, name: 'Persona Nueva', role: 'staff' },
      headers: xsrfHeaderOf('admin'),
    });
    expect(response.status(), await response.text()).toBe(201);
    const { temporaryPassword } = (await response.json()) as { temporaryPassword: string };
    await admin.dispose();

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, temporaryPassword);

    await expect(page).toHaveURL(/\/cambiar-contrasena/);
    await expect(page.getByRole('heading', { name: 'Elige tu contraseña' })).toBeVisible();
    // Any other page of the app sends them back here.
    await page.goto('/acciones');
    await expect(page).toHaveURL(/\/cambiar-contrasena/);

    await page.getByLabel(/^Contraseña temporal/).fill(temporaryPassword);
    await page.getByLabel(/^Contraseña nueva/).fill('Mi-Contraseña-Propia-2026');
    await page.getByRole('button', { name: 'Guardar y continuar' }).click();

    // On to the page they asked for.
    const actions = new ActionsPage(page);
    await actions.expectLoaded();
    await actions.expectSignedInAs('Personal técnico');
  });
});
