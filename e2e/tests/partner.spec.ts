import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { ActionsPage } from '../pages/actions.page';
import { apiAs, getJson, type ActionPage } from '../support/api';
import { signedInAs } from '../support/fixtures';
import { DEMO_USERS } from '../support/users';

const DEMO_ACTIONS = 36;

test.describe('partner (GIZ): sees only its own actions', () => {
  signedInAs('partner');

  test('the list holds exactly the actions GIZ takes part in, each one opens, none is editable', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    // What the API lets the partner see, and what staff sees for GIZ as a partner.
    const own = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=100');
    const director = await apiAs('director', baseURL);
    let gizActions: ActionPage;
    try {
      const orgs = await getJson<{ items: { id: string; acronym: string | null }[] }>(
        director,
        `/api/v1/organisations?q=${DEMO_USERS.partner.organisation}&pageSize=20`,
      );
      const giz = orgs.items.find((o) => o.acronym === DEMO_USERS.partner.organisation);
      expect(giz, 'the GIZ organisation').toBeDefined();
      gizActions = await getJson<ActionPage>(
        director,
        `/api/v1/actions?partner=${giz!.id}&pageSize=100`,
      );
    } finally {
      await director.dispose();
    }
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThan(DEMO_ACTIONS);
    expect(own.items.map((a) => a.code).sort()).toEqual(gizActions.items.map((a) => a.code).sort());

    const list = new ActionsPage(page);
    await list.goto({ pageSize: '100' });
    await list.settled();
    await expect(list.rows).toHaveCount(own.total);
    await expect(page.locator('.mat-mdc-paginator-range-label')).toHaveText(
      new RegExp(`\\b${own.total}\\s*$`),
    );
    await expect(list.newAction).toHaveCount(0);

    // The first row opens by click; every other action by its address.
    const detail = new ActionDetailPage(page);
    await list.rows.first().click();
    await detail.expectLoaded();
    await expect(detail.editButton).toHaveCount(0);
    for (const action of own.items) {
      await detail.goto(action.id);
      await detail.expectLoaded(action.code);
      await expect(detail.editButton).toHaveCount(0);
      await expect(page.getByTestId('archive-action')).toHaveCount(0);
    }
  });

  test('an action GIZ is not part of shows the not-found state', async ({ page, baseURL }) => {
    const own = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=100');
    const director = await apiAs('director', baseURL);
    let all: ActionPage;
    try {
      all = await getJson<ActionPage>(director, '/api/v1/actions?pageSize=100');
    } finally {
      await director.dispose();
    }
    const mine = new Set(own.items.map((a) => a.id));
    const other = all.items.find((a) => !mine.has(a.id));
    expect(other, 'an action without GIZ').toBeDefined();

    const api = await page.request.get(`/api/v1/actions/${other!.id}`);
    expect(api.status()).toBe(404);

    const detail = new ActionDetailPage(page);
    await detail.goto(other!.id);
    await expect(detail.errorState).toBeVisible();
    await expect(detail.errorState.getByTestId('retry')).toHaveCount(0);
    await expect(detail.code).toHaveCount(0);
    await expect(detail.editButton).toHaveCount(0);
    await expect(page.getByText(other!.code)).toHaveCount(0);
  });

  test('an action GIZ takes part in shows no History tab, and the API refuses its history', async ({
    page,
  }) => {
    const own = await getJson<ActionPage>(page.request, '/api/v1/actions?pageSize=1');
    const action = own.items[0];
    const detail = new ActionDetailPage(page);
    await detail.goto(action.id);
    await detail.expectLoaded(action.code);
    // The other tabs are there (the page did load its tabs), History is not.
    await expect(detail.tab('summary')).toBeVisible();
    await expect(detail.tab('history')).toHaveCount(0);
    await expect(page.getByRole('tab', { name: /Historial|History/ })).toHaveCount(0);
    const history = await page.request.get(`/api/v1/actions/${action.id}/history`);
    expect(history.status()).toBe(403);
    expect(await history.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});
