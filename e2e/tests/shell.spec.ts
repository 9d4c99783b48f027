import { expect, test } from '@playwright/test';
import { SignInPage } from '../pages/sign-in.page';
import { watchConsole } from '../support/fixtures';
import { screenshotPage } from '../support/screenshots';

test.describe('application shell', () => {
  test('loads at / and sends a signed-out visitor to sign-in, in Spanish, without console errors', async ({
    page,
  }) => {
    const consoleErrors = watchConsole(page);
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);

    const signIn = new SignInPage(page, 'es');
    await signIn.expectLoaded();
    await expect(signIn.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', /^es/);

    await page.waitForLoadState('networkidle');
    await screenshotPage(page, 'es-root-signed-out');
    consoleErrors.assertNone();
  });

  test('the API health endpoints answer', async ({ request }) => {
    const live = await request.get('/api/health/live');
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await request.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });
  });

  test('an unknown API route answers a JSON 404, not the web app', async ({ request }) => {
    const response = await request.get('/api/no-such-route');
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
  });
});
