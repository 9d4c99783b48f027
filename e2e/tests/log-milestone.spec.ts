import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ActionDetailPage } from '../pages/action-detail.page';
import { LogMilestoneDialog } from '../pages/log-milestone.page';
import { audit } from '../support/a11y';
import { apiAs, archiveActionAs, createActionAs } from '../support/api';
import { dialogSettled } from '../support/dialogs';
import { minimalPdf } from '../support/files';
import { signedInAs, watchConsole } from '../support/fixtures';

test.describe('staff: logging a milestone from anywhere', () => {
  signedInAs('staff');

  test('logs a milestone with evidence by keyboard in under 10 s, then finds and downloads it on the action page', async ({
    page,
    baseURL,
  }, testInfo) => {
    test.setTimeout(90_000);
    const consoleErrors = watchConsole(page);
    const staff = await apiAs('staff', baseURL);
    const code = `E2E-HITO-${Date.now()}`;
    const action = await createActionAs(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Prueba e2e: registro rápido de hitos',
      instituteRole: 'recipient',
    });
    const file = {
      name: 'Minuta del taller de arranque.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf('Minuta del taller de arranque'),
    };
    const milestoneTitle = 'Taller de arranque con SETRAN';
    try {
      await page.goto('/tablero');
      await expect(page.getByTestId('user-name')).toBeVisible();
      const dialog = new LogMilestoneDialog(page);
      await expect(dialog.button).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+H');

      // The scripted interaction, keyboard only, timed from the shortcut to the confirmation.
      const started = performance.now();
      await dialog.openWithShortcut();
      await dialog.chooseAction(code);
      await dialog.chooseType('Taller');
      await dialog.tabTo(dialog.title);
      await page.keyboard.insertText(milestoneTitle);
      await dialog.attach(file);
      await dialog.tabTo(dialog.notes);
      await page.keyboard.insertText('Se acordó el calendario de estudios.');
      await page.keyboard.press('Enter');
      await expect(dialog.saved).toContainText(milestoneTitle);
      await expect(dialog.saved).toContainText('1 archivo');
      const elapsedMs = performance.now() - started;
      console.log(`[log-milestone] keyboard interaction took ${(elapsedMs / 1000).toFixed(2)} s`);
      testInfo.annotations.push({ type: 'log-milestone-ms', description: elapsedMs.toFixed(0) });
      expect(elapsedMs).toBeLessThan(10_000);

      // The confirmation offers the action: Enter on the focused link opens it.
      await expect(dialog.openAction).toBeFocused();
      await page.keyboard.press('Enter');
      const detail = new ActionDetailPage(page);
      await detail.expectLoaded(code);
      expect(detail.idFromUrl()).toBe(action.id);
      await expect(dialog.dialog).toBeHidden();

      const milestones = await detail.openTab('milestones');
      const item = milestones.getByRole('listitem').filter({ hasText: milestoneTitle }).first();
      await expect(item).toContainText('Taller');
      await expect(item).toContainText('Realizado');
      const link = item.getByTestId('evidence-download');
      await expect(link).toHaveText(file.name);
      const downloading = page.waitForEvent('download');
      await link.click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(file.name);
      const bytes = readFileSync(await download.path());
      expect(Buffer.compare(bytes, file.buffer)).toBe(0);

      await audit(page, 'page-es-accion-hitos-evidencia', testInfo);
      consoleErrors.assertNone();
    } finally {
      await archiveActionAs(staff, action.id);
      await staff.dispose();
    }
  });

  test('the toolbar button opens the same dialog, with the shortcut in its tooltip; it passes axe', async ({
    page,
  }, testInfo) => {
    await page.goto('/acciones');
    const dialog = new LogMilestoneDialog(page);
    await expect(dialog.button).toHaveAccessibleDescription('Registrar hito (Alt+Mayús+H)');
    await dialog.button.hover();
    await expect(page.locator('.mat-mdc-tooltip')).toHaveText('Registrar hito (Alt+Mayús+H)');
    await dialog.button.click();
    await expect(dialog.dialog).toBeVisible();
    await expect(dialog.action).toBeFocused();
    await expect(dialog.date).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    // Saving an empty form says what is missing instead of sending anything.
    await page.keyboard.press('Control+Enter');
    await expect(dialog.dialog.getByText('Elige una acción de la lista.')).toBeVisible();
    // Escape closes the open suggestion list first, then the dialog.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox')).toBeHidden();
    await audit(page, 'dialog-es-registrar-hito', testInfo);
    await page.keyboard.press('Escape');
    await expect(dialog.dialog).toBeHidden();
    await expect(dialog.button).toBeFocused();
  });

  test('the action page’s own milestone dialog attaches evidence too; a disguised file is refused', async ({
    page,
    baseURL,
  }) => {
    const staff = await apiAs('staff', baseURL);
    const code = `E2E-HITO-B-${Date.now()}`;
    const action = await createActionAs(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Prueba e2e: hito con evidencia desde la acción',
      instituteRole: 'recipient',
    });
    try {
      const detail = new ActionDetailPage(page);
      await detail.goto(action.id);
      await detail.expectLoaded(code);
      await detail.openTab('milestones');
      await page.getByTestId('add-milestone').click();
      const dialog = page.getByRole('dialog');
      await dialogSettled(dialog);
      await dialog.getByTestId('milestone-type').click();
      await page.getByRole('option', { name: 'Visita técnica', exact: true }).click();
      await dialog.getByTestId('milestone-title').fill('Visita técnica del equipo CFF');
      await dialog.getByTestId('milestone-actual').fill('2018-10-18');
      const chooser = page.waitForEvent('filechooser');
      await dialog.getByTestId('evidence-picker').click();
      await (
        await chooser
      ).setFiles({
        name: 'Lista de asistencia.pdf',
        mimeType: 'application/pdf',
        buffer: minimalPdf('Lista de asistencia'),
      });
      await dialog.getByTestId('dialog-save').click();
      await expect(dialog).toBeHidden();
      const evidence = page.getByTestId('milestone-evidence');
      await expect(evidence.getByTestId('evidence-download')).toHaveText('Lista de asistencia.pdf');

      // A disguised file is refused with the API's message and nothing is added.
      const chooser2 = page.waitForEvent('filechooser');
      await page.getByTestId('milestones').getByTestId('evidence-upload').click();
      await (
        await chooser2
      ).setFiles({
        name: 'informe.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('<!doctype html><p>no soy un PDF</p>'),
      });
      await expect(page.getByText(/no corresponde a su nombre o tipo declarado/)).toBeVisible();
      await expect(evidence.getByTestId('evidence-item')).toHaveCount(1);
    } finally {
      await archiveActionAs(staff, action.id);
      await staff.dispose();
    }
  });
});
