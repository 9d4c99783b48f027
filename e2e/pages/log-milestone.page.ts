import { expect, type Locator, type Page } from '@playwright/test';

/** The global "Registrar hito" dialog (toolbar button or Alt+Shift+H), driven by the keyboard. */
export class LogMilestoneDialog {
  static readonly SHORTCUT = 'Alt+Shift+KeyH';
  readonly button: Locator;
  readonly dialog: Locator;
  readonly action: Locator;
  readonly type: Locator;
  readonly date: Locator;
  readonly title: Locator;
  readonly picker: Locator;
  readonly notes: Locator;
  readonly saved: Locator;
  readonly openAction: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('log-milestone');
    this.dialog = page.getByRole('dialog', { name: 'Registrar hito' });
    this.action = page.getByTestId('log-milestone-action');
    this.type = page.getByTestId('log-milestone-type');
    this.date = page.getByTestId('log-milestone-date');
    this.title = page.getByTestId('log-milestone-title');
    this.picker = page.getByTestId('evidence-picker');
    this.notes = page.getByTestId('log-milestone-notes');
    this.saved = page.getByTestId('log-milestone-saved');
    this.openAction = page.getByTestId('log-milestone-open-action');
  }

  /** Opens the dialog with the keyboard shortcut; focus lands in the action search. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press(LogMilestoneDialog.SHORTCUT);
    await expect(this.action).toBeFocused();
  }

  /** Presses Tab until `target` has the focus (date inputs take one Tab per segment). */
  async tabTo(target: Locator, maxTabs = 8): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  }

  /** Types in the action search and takes the only suggestion with Enter. */
  async chooseAction(search: string): Promise<void> {
    await this.page.keyboard.type(search);
    const options = this.page.getByRole('option');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(search);
    await this.page.keyboard.press('Enter');
    await expect(this.action).toHaveValue(new RegExp(search));
  }

  /** Opens the type list with Enter, jumps to `label` by typing it, takes it with Enter. */
  async chooseType(label: string): Promise<void> {
    await this.tabTo(this.type);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('listbox')).toBeVisible();
    await this.page.keyboard.type(label);
    // Typeahead settles (and marks the option active) before Enter can take it.
    await expect(this.page.getByRole('option', { name: label, exact: true })).toHaveClass(
      /mat-mdc-option-active/,
    );
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('listbox')).toBeHidden();
    await expect(this.type).toContainText(label);
  }

  /** Opens the file chooser from the focused "Adjuntar" button with Enter and picks the file. */
  async attach(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.tabTo(this.picker);
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.keyboard.press('Enter');
    await (await chooser).setFiles(file);
    await expect(this.dialog.getByTestId('evidence-chosen')).toContainText(file.name);
  }
}
