import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionFormPage } from '../pages/action-form.page';
import { ActionsPage } from '../pages/actions.page';
import { DashboardPage } from '../pages/dashboard.page';
import {
  apiAs,
  archiveActionAs,
  createActionAs,
  getJson,
  xsrfHeader,
  type Summary,
} from '../support/api';
import { signedInAs, watchConsole } from '../support/fixtures';
import { addAmounts, formatMoney } from '../support/money';

const SUMMARY = '/api/v1/dashboard/summary?currency=MXN';

test.describe('staff: creating and editing an action', () => {
  signedInAs('staff');

  test('creates an action with a partner, a commitment and a milestone; the dashboard adds it up', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const code = `E2E-${Date.now()}`;
    const title = `Prueba e2e: movilidad eléctrica ${code}`;
    const amount = '250000.50';
    const before = await getJson<Summary>(page.request, SUMMARY);

    const list = new ActionsPage(page);
    await list.goto();
    await list.newAction.click();
    const form = new ActionFormPage(page);
    await expect(form.form).toBeVisible();
    await form.code.fill(code);
    await form.choose(form.kind, 'Proyecto de cooperación');
    await form.titleEs.fill(title);
    await form.choose(form.instituteRole, 'Receptor');
    await form.save.click();

    const detail = new ActionDetailPage(page);
    await detail.expectLoaded(code);
    await expect(detail.title).toHaveText(title);
    const id = detail.idFromUrl();
    // The new action says what it still lacks; the panel goes once partner, money and milestone exist.
    const missing = page.getByTestId('missing-panel');
    await expect(missing).toBeVisible();
    await expect(missing.getByRole('listitem')).toHaveCount(3);

    try {
      // Partner: GIZ as funder.
      await detail.addParticipation('GIZ', /GIZ/, 'Financiador');
      const partners = await detail.openTab('partners');
      await expect(partners.getByRole('row').filter({ hasText: 'GIZ' })).toContainText(
        'Financiador',
      );

      // Funding: a commitment of 250,000.50 MXN.
      await detail.addFunding({
        typeLabel: 'Comprometido',
        amount,
        currency: 'MXN',
        valueDate: '2025-03-15',
      });
      const funding = await detail.openTab('funding');
      await expect(funding.getByRole('cell', { name: formatMoney(amount, 'MXN') })).toBeVisible();
      await expect(funding.getByTestId('funding-total')).toContainText('250,000.50');

      // Milestone.
      const milestoneTitle = `Taller de arranque ${code}`;
      await detail.addMilestone({
        typeLabel: 'Taller',
        title: milestoneTitle,
        planned: '2030-06-01',
      });
      const milestones = await detail.openTab('milestones');
      await expect(milestones.getByTestId('milestones')).toContainText(milestoneTitle);
      await expect(milestones.getByTestId('milestones')).toContainText('Taller');
      await expect(missing).toBeHidden();

      // The dashboard's committed figure grows by exactly the new commitment.
      const after = await getJson<Summary>(page.request, SUMMARY);
      expect(after.actions).toBe(before.actions + 1);
      expect(after.money.committed.total).toBe(addAmounts(before.money.committed.total, amount));
      const dashboard = new DashboardPage(page);
      await dashboard.goto();
      await expect(dashboard.kpiValue('committed')).toHaveText(
        formatMoney(after.money.committed.total, 'MXN'),
      );
      await expect(dashboard.kpiValue('actions')).toHaveText(String(after.actions));
      consoleErrors.assertNone();
    } finally {
      const staff = await apiAs('staff', baseURL);
      await archiveActionAs(staff, id);
      await staff.dispose();
    }
  });

  test('saving over a newer version shows the conflict panel; "Reaplicar mis cambios" saves', async ({
    page,
    baseURL,
  }) => {
    const staff = await apiAs('staff', baseURL);
    const code = `E2E-CONFLICT-${Date.now()}`;
    const created = await createActionAs(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Prueba e2e: título original',
      instituteRole: 'recipient',
    });
    try {
      const form = new ActionFormPage(page);
      await form.gotoEdit(created.id);
      await expect(form.titleEs).toHaveValue('Prueba e2e: título original');

      // Someone else saves first (the English title), with the current version.
      const current = await getJson<{ version: number }>(
        page.request,
        `/api/v1/actions/${created.id}`,
      );
      const patch = await page.request.patch(`/api/v1/actions/${created.id}`, {
        data: { version: current.version, titleEn: 'E2E: saved by someone else' },
        headers: await xsrfHeader(page.context()),
      });
      expect(patch.ok(), `PATCH → ${patch.status()} ${await patch.text()}`).toBe(true);

      // Our form still holds the old version.
      const mine = 'Prueba e2e: título editado';
      await form.titleEs.fill(mine);
      await form.save.click();
      await expect(form.conflictPanel).toBeVisible();
      await expect(form.conflictPanel).toContainText('Otra persona guardó cambios');
      await expect(form.reapply).toHaveText(/Reaplicar mis cambios/);

      await form.reapply.click();
      const detail = new ActionDetailPage(page);
      await detail.expectLoaded(code);
      await expect(detail.title).toHaveText(mine);
      const saved = await getJson<{ titleEs: string; titleEn: string; version: number }>(
        page.request,
        `/api/v1/actions/${created.id}`,
      );
      expect(saved).toMatchObject({ titleEs: mine, titleEn: 'E2E: saved by someone else' });
      expect(saved.version).toBeGreaterThan(current.version);
    } finally {
      await archiveActionAs(staff, created.id);
      await staff.dispose();
    }
  });
});
