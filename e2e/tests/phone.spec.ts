import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { signedInAs } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';

const PHONE = { width: 390, height: 844 };

/** Nothing of `locator` sticks out past the right edge of the phone's screen. */
async function expectWithinScreen(locator: Locator) {
  const count = await locator.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const box = await locator.nth(i).boundingBox();
    if (!box) throw new Error(`element ${i} of ${locator.toString()} is not laid out`);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
}

async function shot(page: Page, locator: Locator, name: string) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
  await locator.screenshot({
    path: join(ARTIFACTS_DIR, `phone-${name}.png`),
    animations: 'disabled',
  });
}

test.describe('on a phone (390 px)', () => {
  signedInAs('staff');
  test.use({ viewport: PHONE });

  test('board sessions and agreements are cards with their key fields; nothing sticks out', async ({
    page,
  }) => {
    await page.goto('/junta');
    const sessions = page.getByTestId('sessions-table');
    await expect(sessions.getByTestId('session-row').first()).toBeVisible();
    await expect(sessions.locator('thead')).toBeHidden();
    const card = sessions.getByTestId('session-row').first();
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    // Each value under its column name.
    await expect(card.locator('td[data-label="Sesión"]')).toBeVisible();
    await expect(card.locator('td[data-label="Título"]')).toBeVisible();
    await expectWithinScreen(sessions.getByTestId('session-row'));
    await shot(page, sessions, 'junta-sesiones');

    await page.goto('/acuerdos');
    const agreements = page.getByTestId('agreements-table');
    const rows = agreements.locator('tr[data-testid^="row-"]');
    await expect(rows.first()).toBeVisible();
    await expect(agreements.locator('thead')).toBeHidden();
    for (const label of ['Clave', 'Acuerdo', 'Estado', 'Fecha compromiso'])
      await expect(rows.first().locator(`td[data-label="${label}"]`)).toBeVisible();
    await expectWithinScreen(rows);
    // The status filter (a toggle group) wraps instead of running off the screen.
    await expectWithinScreen(page.locator('mat-button-toggle-group'));
    await expectWithinScreen(page.locator('mat-button-toggle'));
    await shot(page, agreements, 'acuerdos');
  });

  test('dashboard: toggle groups wrap, the warning icon keeps its size, charts fit', async ({
    page,
  }) => {
    await page.goto('/tablero');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectWithinScreen(page.locator('mat-button-toggle'));
    const warning = page.getByTestId('unconverted-warning');
    if (await warning.count()) {
      const icon = await warning.locator('mat-icon').boundingBox();
      expect(icon?.width ?? 0).toBeGreaterThanOrEqual(24);
      await shot(page, warning, 'tablero-aviso');
    }
    for (const id of [
      'chart-by-partner',
      'chart-by-year',
      'chart-by-theme',
      'chart-by-status',
      'chart-by-progress',
    ]) {
      const chart = page.getByTestId(id);
      await chart.scrollIntoViewIfNeeded();
      await expect(chart.locator('canvas, app-empty-state').first()).toBeVisible({
        timeout: 20_000,
      });
      await expectWithinScreen(chart);
      await shot(page, chart, `tablero-${id}`);
    }
  });
});
