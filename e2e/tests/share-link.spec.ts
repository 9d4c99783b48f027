import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { SharedActionPage } from '../pages/shared-action.page';
import { getJson, type ActionPage } from '../support/api';
import { signedInAs } from '../support/fixtures';
import { expectPdf } from '../support/files';

const CODE = 'IMEPLAN-2017-ARBOL-IOT';

test.describe('share links: a partner opens an action without an account', () => {
  signedInAs('staff');

  test('staff creates a link, a stranger opens it and downloads the sheet, staff revokes it', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const found = await getJson<ActionPage>(page.request, `/api/v1/actions?q=${CODE}`);
    const action = found.items.find((a) => a.code === CODE);
    expect(action, CODE).toBeDefined();

    const detail = new ActionDetailPage(page);
    await detail.goto(action!.id);
    await detail.expectLoaded(CODE);
    const url = await detail.createShareLink();
    // The address is focused and selected, ready to copy.
    await expect(detail.dialog.getByTestId('share-url')).toBeFocused();
    const row = detail.dialog.getByTestId('share-link-row').first();
    await expect(row.getByTestId('share-state')).toHaveText('Activo');

    // A browser with no session at all.
    const stranger = await browser.newContext({
      storageState: { cookies: [], origins: [] },
      locale: 'es-MX',
    });
    try {
      const anon = await stranger.newPage();
      const shared = new SharedActionPage(anon);
      await shared.goto(url);
      await shared.expectShows(CODE);
      await expect(anon).toHaveTitle(`${CODE} · Coopera`);
      await expect(anon).toHaveURL(url);
      await expect(anon.getByTestId('nav-actions')).toHaveCount(0);
      await expect(anon.getByTestId('user-menu')).toHaveCount(0);
      await expect(anon.getByRole('heading', { name: 'Socios y roles' })).toBeVisible();

      const pdf = await shared.exports.download('sheet-es');
      expect(pdf.name).toBe(`${CODE}-ficha.pdf`);
      expectPdf(pdf.bytes);

      // Staff revokes it; the list counts the two uses (the page and the PDF).
      await detail.revokeNewestShareLink();
      await expect(row).toContainText('2 usos');

      await anon.reload();
      await shared.expectUnavailable();
      await expect(anon.getByRole('heading', { level: 1 })).toHaveText(
        'Este enlace ya no está disponible',
      );
      await expect(anon).toHaveURL(url);

      // The English build shows the same page in English.
      await anon.goto(url.replace('/compartido/', '/en/compartido/'));
      await expect(anon.getByRole('heading', { level: 1 })).toHaveText(
        'This link is no longer available',
      );
    } finally {
      await stranger.close();
    }
  });
});
