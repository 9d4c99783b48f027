import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { SharedActionPage } from '../pages/shared-action.page';
import { getJson, xsrfHeader, type ActionPage } from '../support/api';
import { signedInAs } from '../support/fixtures';
import { expectPdf, minimalPdf } from '../support/files';

const CODE = 'IMEPLAN-2017-ARBOL-IOT';

test.describe('share links: a partner opens an action without an account', () => {
  signedInAs('staff');

  test('staff creates a link, a stranger opens it and downloads the sheet and the evidence, staff revokes it', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const found = await getJson<ActionPage>(page.request, `/api/v1/actions?q=${CODE}`);
    const action = found.items.find((a) => a.code === CODE);
    expect(action, CODE).toBeDefined();

    // Evidence the partner view lists and downloads through the link (removed at the end).
    const minutes = minimalPdf('Minuta compartida');
    const uploaded = await page.request.post(`/api/v1/actions/${action!.id}/evidence`, {
      multipart: {
        file: { name: 'Minuta compartida.pdf', mimeType: 'application/pdf', buffer: minutes },
      },
      headers: await xsrfHeader(page.context()),
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    const evidenceId = ((await uploaded.json()) as { items: { id: string }[] }).items[0].id;

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

      const evidence = await shared.downloadEvidence('Minuta compartida.pdf');
      expect(evidence.name).toBe('Minuta compartida.pdf');
      expect(evidence.bytes.equals(minutes)).toBe(true);

      // Staff revokes it; the list counts the three uses (the page, the PDF, the evidence).
      await detail.revokeNewestShareLink();
      await expect(row).toContainText('3 usos');

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
      const removed = await page.request.delete(`/api/v1/evidence/${evidenceId}`, {
        headers: await xsrfHeader(page.context()),
      });
      expect(removed.status()).toBe(204);
    }
  });
});
