import { expect, test } from '@playwright/test';
import { ActionDetailPage } from '../pages/action-detail.page';
import { BoardReportPage, BoardSessionPage, BoardSessionsPage } from '../pages/board.page';
import { apiAs, archiveActionAs, createActionAs } from '../support/api';
import { dialogSettled } from '../support/dialogs';
import { signedInAs, watchConsole } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';

test.describe('director: board follow-up', () => {
  signedInAs('director');

  test('opens the demo session, reads its agreements and downloads the report PDF in both languages', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const consoleErrors = watchConsole(page);
    const sessions = new BoardSessionsPage(page);
    await page.goto('/tablero');
    await page.getByTestId('nav-board').click();
    await expect(sessions.table).toBeVisible();
    // The director reads: no "new session" button.
    await expect(sessions.newSession).toHaveCount(0);
    await sessions.session(2023, 12).click();

    const session = new BoardSessionPage(page);
    await expect(session.title).toHaveText(
      'Décima Segunda Sesión Ordinaria 2023 Junta Directiva IMPLAN Guanajuato',
    );
    // Agenda item 7 links the IURC Ancona–Guanajuato cooperation.
    await expect(session.agenda.getByTestId('agenda-item')).toHaveCount(10);
    await expect(session.agenda.getByTestId('linked-actions')).toContainText(
      'IMPLANGTO-2023-IURC-ANCONA',
    );
    // The agreements read from the minutes, with their status and dated follow-up.
    await expect(session.agreement('JD-XI-1').getByTestId('agreement-status')).toHaveText(
      'Cumplido',
    );
    await expect(session.agreement('JD-VIII-2').getByTestId('agreement-status')).toHaveText(
      'En proceso',
    );
    const panel = await session.openAgreement('JD-XI-1');
    await expect(panel.getByTestId('agreement-notes')).toContainText('WhatsApp');
    await expect(page.getByTestId('add-note')).toHaveCount(0);

    await session.openReport.click();
    const report = new BoardReportPage(page);
    await report.expectLoaded();
    await expect(page.getByTestId('report-session')).toHaveText(
      'Décima Segunda Sesión Ordinaria 2023 Junta Directiva IMPLAN Guanajuato',
    );
    await expect(page.getByTestId('report-action')).toContainText('IMPLANGTO-2023-IURC-ANCONA');
    await expect(page.getByTestId('report-agreements-session')).toContainText('JD-XI-1');
    await expect(page.getByTestId('report-agreements-open')).toContainText('JD-VIII-2');

    const es = await report.download('es');
    expect(es.name).toBe('junta-2023-ordinaria-12.pdf');
    expect(es.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(es.body);
    expect(text).toContain('Informe de seguimiento de la Junta Directiva');
    expect(text).toContain('Décima Segunda Sesión Ordinaria');
    expect(text).toContain('14 de diciembre de 2023');
    expect(text).toContain('IMPLANGTO-2023-IURC-ANCONA');
    for (const code of ['JD-XI-1', 'JD-XI-2', 'JD-VIII-2']) expect(text).toContain(code);

    const en = await report.download('en');
    expect(en.name).toBe('board-2023-ordinary-12.pdf');
    const english = pdfText(en.body);
    expect(english).toContain('14 Dec 2023');
    expect(english).toContain('Board follow-up report');
    expect(english).toContain('Pending agreements');
    expect(english).toContain('JD-VIII-2');
    consoleErrors.assertNone();
  });

  test('the dashboard shows the actions by progress level, every level listed', async ({
    page,
  }) => {
    await page.goto('/tablero');
    const card = page.getByTestId('chart-by-progress');
    await expect(card.getByRole('heading', { name: 'Acciones por nivel de avance' })).toBeVisible();
    const table = card.locator('table');
    await expect(table).toContainText('Sin avance (0 %)');
    await expect(table).toContainText('Totalmente cumplido (100 %)');
    await expect(table.locator('tbody tr')).toHaveCount(6);
  });

  test('lists pending agreements across sessions and filters them by status', async ({ page }) => {
    await page.goto('/acuerdos');
    const table = page.getByTestId('agreements-table');
    await expect(table.getByTestId('row-JD-VIII-2')).toBeVisible();
    await expect(table.getByTestId('row-JD-XI-1')).toHaveCount(0);
    await page.getByRole('radio', { name: /^Cumplido/ }).click();
    await expect(page).toHaveURL(/estado=done/);
    await expect(table.getByTestId('row-JD-XI-1')).toBeVisible();
    await expect(table.getByTestId('row-JD-VIII-2')).toHaveCount(0);
  });
});

test.describe('staff: progress stages on an action', () => {
  signedInAs('staff');

  test('records the planning and programming stages and sees the percentage and label change', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const consoleErrors = watchConsole(page);
    const api = await apiAs('staff', baseURL);
    const code = `E2E-AV-${Date.now()}`;
    const { id } = await createActionAs(api, {
      code,
      kind: 'city_to_city',
      titleEs: `Prueba e2e de avance ${code}`,
      instituteRole: 'recipient',
    });
    try {
      const detail = new ActionDetailPage(page);
      await detail.goto(id);
      await detail.expectLoaded(code);
      const header = detail.headerProgress();
      await expect(header.percent).toHaveText('0 %');
      await expect(header.label).toHaveText('Sin avance');

      await detail.recordStage('planning', {
        reachedOn: '2024-02-01',
        notes: 'Acta de planeación aprobada',
      });
      await expect(header.percent).toHaveText('10 %');
      await expect(header.label).toHaveText('Proceso básico');
      const panel = page.getByRole('tabpanel');
      await expect(panel.locator('[data-stage="planning"]')).toContainText(
        'Acta de planeación aprobada',
      );

      await detail.recordStage('programming', { reachedOn: '2024-03-15', notes: 'Programa anual' });
      await expect(header.percent).toHaveText('20 %');
      await expect(header.label).toHaveText('Proceso bajo');
      await expect(panel.getByTestId('action-progress').getByRole('progressbar')).toHaveAttribute(
        'aria-valuenow',
        '20',
      );

      // The list shows the same figure.
      await page.goto(`/acciones?q=${code}`);
      await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText(
        '20 % · Proceso bajo',
      );

      // The "Avance" header sorts the whole portfolio by progress: descending on the second click.
      await page.goto('/acciones');
      const progressHeader = page.getByRole('columnheader', { name: 'Avance' });
      await progressHeader.click();
      await expect(page).toHaveURL(/sort=progress/);
      await progressHeader.click();
      await expect(page).toHaveURL(/sort=-progress/);
      const percents = page.getByTestId('action-row').getByTestId('progress-percent');
      await expect(percents.first()).not.toHaveText('0 %');
      const shown = (await percents.allTextContents()).map((t) => Number.parseInt(t, 10));
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
      consoleErrors.assertNone();
    } finally {
      await archiveActionAs(api, id);
      await api.dispose();
    }
  });
});

test.describe('admin: progress criteria', () => {
  signedInAs('admin');

  test('refuses weights that do not add up to 100 and keeps the saved criteria', async ({
    page,
  }) => {
    await page.goto('/admin/avance');
    const sum = page.getByTestId('weight-sum');
    await expect(sum).toHaveText('Suma: 100 %');
    await page.getByTestId('weight-execution').fill('50');
    await expect(sum).toHaveText('Suma: 110 %');
    await page.getByTestId('save-progress-settings').click();
    await expect(page.getByTestId('settings-problems')).toContainText(
      'Los pesos deben sumar 100 % (suman 110 %).',
    );
    await page.reload();
    await expect(page.getByTestId('weight-execution')).toHaveValue('40');
  });
});

test.describe('staff: recording a board session', () => {
  signedInAs('staff');

  test('creates a session, links an action on the agenda, records an agreement and its follow-up', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const sessions = new BoardSessionsPage(page);
    await sessions.goto();
    // The new session defaults to the institute of the latest one (its name is loaded first).
    await expect(sessions.table).toContainText('IMPLAN');
    await sessions.newSession.click();
    const dialog = page.getByRole('dialog');
    await dialogSettled(dialog);
    await expect(dialog.getByTestId('session-institute')).toHaveValue(/IMPLAN/);
    await dialog.getByTestId('session-number').fill('1');
    await dialog.getByTestId('session-kind').click();
    await page.getByRole('option', { name: 'Extraordinaria', exact: true }).click();
    await dialog.getByTestId('session-held-on').fill('2024-01-18');
    await expect(dialog.getByTestId('session-year')).toHaveValue('2024');
    await dialog.getByTestId('dialog-save').click();
    await expect(dialog).toBeHidden();

    const session = new BoardSessionPage(page);
    await expect(session.title).toHaveText('1ª sesión extraordinaria 2024');

    // Agenda: an item about the IURC cooperation, linked by picking the action.
    await page.getByTestId('add-agenda-item').click();
    await dialogSettled(dialog);
    await dialog.getByTestId('agenda-title').fill('Informe final de la cooperación IURC');
    await dialog.getByTestId('agenda-action-search').fill('IURC');
    await page.getByRole('option', { name: /IMPLANGTO-2023-IURC-ANCONA/ }).click();
    await expect(dialog.getByTestId('linked-IMPLANGTO-2023-IURC-ANCONA')).toBeVisible();
    await dialog.getByTestId('dialog-save').click();
    await expect(dialog).toBeHidden();
    await expect(session.agenda.getByTestId('linked-actions')).toContainText(
      'IMPLANGTO-2023-IURC-ANCONA',
    );

    // Agreement: the code follows the minutes' style; past its due date it reads "Vencido".
    await page.getByTestId('add-agreement').click();
    await dialogSettled(dialog);
    await expect(dialog.getByTestId('agreement-code')).toHaveValue('JD-I-1');
    await dialog.getByTestId('agreement-text').fill('Enviar el informe final de IURC a la Junta.');
    await dialog.getByTestId('agreement-responsible').fill('Dirección General');
    await dialog.getByTestId('agreement-due').fill('2024-02-01');
    await dialog.getByTestId('dialog-save').click();
    await expect(dialog).toBeHidden();
    const agreement = session.agreement('JD-I-1');
    await expect(agreement.getByTestId('agreement-status')).toHaveText('Abierto');
    await expect(agreement.getByTestId('agreement-overdue')).toBeVisible();

    // Follow-up note that closes it.
    await agreement.getByRole('button').first().click();
    await agreement.getByTestId('add-note').click();
    await dialogSettled(dialog);
    await dialog.getByTestId('note-text').fill('Informe enviado por correo el 30 de enero.');
    await dialog.getByTestId('note-status').click();
    await page.getByRole('option', { name: 'Cumplido', exact: true }).click();
    await dialog.getByTestId('dialog-save').click();
    await expect(dialog).toBeHidden();
    await expect(agreement.getByTestId('agreement-status')).toHaveText('Cumplido');
    await expect(agreement.getByTestId('agreement-overdue')).toHaveCount(0);
    await expect(agreement.getByTestId('agreement-notes')).toContainText('Informe enviado');

    // Clean-up through the page: the agreement, then the session.
    await page.getByRole('button', { name: 'Eliminar el acuerdo JD-I-1' }).click();
    await page.getByTestId('confirm').click();
    await expect(agreement).toHaveCount(0);
    await page.getByTestId('delete-session').click();
    await page.getByTestId('confirm').click();
    await expect(page).toHaveURL(/\/junta$/);
    await expect(sessions.table).not.toContainText('1ª sesión extraordinaria 2024');
    consoleErrors.assertNone();
  });
});
