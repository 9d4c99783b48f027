import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { NotificationsPanel } from '../pages/notifications.page';
import { apiAs, getJson, xsrfHeaderOf, type ActionPage } from '../support/api';
import { WCAG_TAGS } from '../support/a11y';
import { signedInAs, watchConsole } from '../support/fixtures';
import { ARTIFACTS_DIR } from '../support/paths';

/** YYYY-MM-DD `days` from today in Mexico City (the institute's calendar). */
function mexicoDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(
    new Date(),
  );
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test.describe('staff: notifications of overdue milestones', () => {
  signedInAs('staff');

  test('opens the bell panel, sees an overdue milestone of the demo portfolio and follows it to its action', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const consoleErrors = watchConsole(page);
    const api = await apiAs('staff', baseURL);
    // A demo action in implementation (the demo staff account follows up the demo portfolio),
    // with a workshop planned 12 days ago and not yet held.
    const actions = await getJson<ActionPage>(
      api,
      '/api/v1/actions?status=implementation&sort=code&pageSize=1&responsible=me',
    );
    expect(actions.items.length, 'a demo action in implementation').toBe(1);
    const action = actions.items[0];
    const title = `Taller de seguimiento ${Date.now()}`;
    const created = await api.post(`/api/v1/actions/${action.id}/milestones`, {
      data: { type: 'workshop', title, plannedDate: mexicoDay(-12) },
      headers: xsrfHeaderOf('staff'),
    });
    expect(created.status(), await created.text()).toBe(201);
    const milestone = (await created.json()) as { id: string; version: number };

    try {
      const list = new ActionsPage(page);
      await list.goto();
      const panel = new NotificationsPanel(page);
      await expect(panel.bell).toHaveAccessibleName(/Notificaciones: \d+ sin leer/);
      await panel.open();
      const item = panel.item(title);
      await expect(panel.overdue).toContainText(title);
      await expect(item).toContainText('12 días de atraso');
      await expect(item).toContainText(action.code);
      await expect(item).toContainText('Sin leer');

      // The open panel is accessible.
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(blocking).toEqual([]);
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'notifications-panel.png') });

      await item.click();
      const detail = new ActionDetailPage(page);
      await detail.expectLoaded(action.code);
      expect(detail.idFromUrl()).toBe(action.id);
      await expect(page.getByTestId('action-overdue')).toBeVisible();

      // Opening it marked it read.
      await panel.open();
      await expect(panel.item(title)).not.toContainText('Sin leer');

      // Dismissing it takes it off the panel, which stays open, and off the next visit.
      await panel.dismiss(title);
      await expect(panel.item(title)).toHaveCount(0);
      await expect(panel.panel).toBeVisible();
      await panel.close();
      await panel.open();
      await expect(panel.item(title)).toHaveCount(0);
      await panel.close();

      // The action list flags the action and filters on overdue milestones.
      await page.goto(`/acciones?overdue=true&q=${encodeURIComponent(action.code)}`);
      await expect(page.getByTestId('filter-overdue').getByRole('checkbox')).toBeChecked();
      await expect(
        page.getByRole('row').filter({ hasText: action.code }).getByTestId('overdue-badge'),
      ).toBeVisible();
      consoleErrors.assertNone();
    } finally {
      const [{ version }] = (
        await getJson<{ milestones: { id: string; version: number }[] }>(
          api,
          `/api/v1/actions/${action.id}`,
        )
      ).milestones.filter((m) => m.id === milestone.id);
      const removed = await api.delete(
        `/api/v1/actions/${action.id}/milestones/${milestone.id}?version=${version}`,
        { headers: xsrfHeaderOf('staff') },
      );
      expect(removed.status()).toBe(204);
      await api.dispose();
    }
  });
});
