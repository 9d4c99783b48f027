import { expect, type Locator, type Page } from '@playwright/test';
import { localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /acciones/nueva and /acciones/:id/editar: the action form (staff). */
export class ActionFormPage extends ShellPage {
  readonly form: Locator;
  readonly code: Locator;
  readonly kind: Locator;
  readonly titleEs: Locator;
  readonly instituteRole: Locator;
  readonly save: Locator;
  readonly conflictPanel: Locator;
  readonly reapply: Locator;
  readonly discard: Locator;
  readonly formError: Locator;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.form = page.getByTestId('action-form');
    this.code = page.getByTestId('field-code');
    this.kind = page.getByTestId('field-kind');
    this.titleEs = page.getByTestId('field-titleEs');
    this.instituteRole = page.getByTestId('field-instituteRole');
    this.save = page.getByTestId('save-action');
    this.conflictPanel = page.getByTestId('conflict-panel');
    this.reapply = page.getByTestId('reapply-changes');
    this.discard = page.getByTestId('discard-changes');
    this.formError = page.getByTestId('form-error');
  }

  async gotoNew(): Promise<void> {
    await this.page.goto(localePath(this.locale, '/acciones/nueva'));
    await expect(this.form).toBeVisible();
  }

  async gotoEdit(id: string): Promise<void> {
    await this.page.goto(localePath(this.locale, `/acciones/${id}/editar`));
    await expect(this.form).toBeVisible();
    await expect(this.titleEs).not.toHaveValue('');
  }

  /** Picks `option` (its visible label) in a mat-select of the form. */
  async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await expect(this.page.getByRole('listbox')).toBeHidden();
  }
}
