import { expect, type Locator, type Page } from '@playwright/test';
import { dialogSettled } from '../support/dialogs';
import { ExportMenu } from './export-menu';
import { localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** The tabs of an action page, by their Spanish labels. */
export const ACTION_TABS = {
  summary: 'Resumen',
  partners: 'Socios y roles',
  instruments: 'Instrumentos jurídicos',
  funding: 'Financiamiento',
  milestones: 'Hitos',
  results: 'Resultados',
  documents: 'Documentos',
  progress: 'Avance',
  history: 'Historial',
} as const;
export type ActionTab = keyof typeof ACTION_TABS;

/** /acciones/:id: one cooperation action, its tabs and the part dialogs (staff). */
export class ActionDetailPage extends ShellPage {
  readonly code: Locator;
  readonly title: Locator;
  readonly editButton: Locator;
  /** The error state; for an action the user may not see, the API answers 404 (no retry). */
  readonly errorState: Locator;
  readonly dialog: Locator;
  readonly exports: ExportMenu;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.code = page.getByTestId('action-code');
    this.title = page.getByTestId('action-title');
    this.editButton = page.getByTestId('edit-action');
    this.errorState = page.getByTestId('error-state');
    this.dialog = page.getByRole('dialog');
    this.exports = new ExportMenu(page);
  }

  path(id: string): string {
    return localePath(this.locale, `/acciones/${id}`);
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(this.path(id));
  }

  async expectLoaded(code?: string): Promise<void> {
    await expect(this.code).toBeVisible();
    if (code) await expect(this.code).toHaveText(code);
  }

  /** The id in /acciones/<id>. */
  idFromUrl(): string {
    const match = /\/acciones\/([0-9a-f-]{36})(?:[/?#]|$)/.exec(this.page.url());
    if (!match) throw new Error(`not an action page: ${this.page.url()}`);
    return match[1];
  }

  tab(name: ActionTab): Locator {
    return this.page.getByRole('tab', { name: ACTION_TABS[name], exact: true });
  }

  async openTab(name: ActionTab): Promise<Locator> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    return this.page.getByRole('tabpanel');
  }

  /** Picks `option` in the mat-select with data-testid `testId` inside the open dialog. */
  private async choose(testId: string, option: string | RegExp): Promise<void> {
    await this.dialog.getByTestId(testId).click();
    await this.page
      .getByRole('option', { name: option, exact: typeof option === 'string' })
      .click();
    await expect(this.page.getByRole('listbox')).toBeHidden();
  }

  private async save(): Promise<void> {
    await this.dialog.getByTestId('dialog-save').click();
    await expect(this.dialog).toBeHidden();
  }

  /** Socios y roles → Añadir socio: types `search` in the organisation picker and picks `pick`. */
  async addParticipation(search: string, pick: RegExp, roleLabel: string): Promise<void> {
    await this.openTab('partners');
    await this.page.getByTestId('add-participation').click();
    await expect(this.dialog.getByRole('heading', { name: 'Añadir socio' })).toBeVisible();
    await dialogSettled(this.dialog);
    await this.dialog.getByTestId('participation-organisation').fill(search);
    await this.page.getByRole('option', { name: pick }).first().click();
    await this.choose('participation-role', roleLabel);
    await this.save();
  }

  /** Financiamiento → Añadir financiamiento. */
  async addFunding(entry: {
    typeLabel: string;
    amount: string;
    currency: string;
    valueDate: string;
    /** The stored value the dialog previews for the typed amount ("$250,000.00 USD"). */
    preview?: string;
  }): Promise<void> {
    await this.openTab('funding');
    await this.page.getByTestId('add-funding').click();
    await expect(this.dialog.getByRole('heading', { name: 'Añadir financiamiento' })).toBeVisible();
    await dialogSettled(this.dialog);
    await this.choose('funding-type', entry.typeLabel);
    await this.dialog.getByTestId('funding-amount').fill(entry.amount);
    await this.choose('funding-currency', entry.currency);
    await this.dialog.getByTestId('funding-date').fill(entry.valueDate);
    if (entry.preview)
      await expect(this.dialog.getByTestId('funding-amount-preview')).toContainText(entry.preview);
    await this.save();
  }

  /** Hitos → Añadir hito. */
  async addMilestone(entry: { typeLabel: string; title: string; planned: string }): Promise<void> {
    await this.openTab('milestones');
    await this.page.getByTestId('add-milestone').click();
    await expect(this.dialog.getByRole('heading', { name: 'Añadir hito' })).toBeVisible();
    await dialogSettled(this.dialog);
    await this.choose('milestone-type', entry.typeLabel);
    await this.dialog.getByTestId('milestone-title').fill(entry.title);
    await this.dialog.getByTestId('milestone-planned').fill(entry.planned);
    await this.save();
  }

  /**
   * Compartir → Crear enlace (expiry `days`, default 30): returns the public address shown once.
   * The dialog stays open.
   */
  async createShareLink(days?: number): Promise<string> {
    await this.page.getByTestId('share-links').click();
    await expect(this.dialog.getByRole('heading', { name: /Enlaces para socios/ })).toBeVisible();
    await dialogSettled(this.dialog);
    if (days !== undefined) await this.dialog.getByTestId('share-days').fill(String(days));
    await this.dialog.getByTestId('share-create').click();
    const url = this.dialog.getByTestId('share-url');
    await expect(url).toHaveValue(/\/compartido\/[A-Za-z0-9_-]{20,}$/);
    return url.inputValue();
  }

  /** In the open share-links dialog: revokes the newest active link after confirming. */
  async revokeNewestShareLink(): Promise<void> {
    const row = this.dialog.getByTestId('share-link-row').first();
    await row.getByTestId('share-revoke').click();
    await this.page.getByTestId('confirm').click();
    await expect(row.getByTestId('share-state')).toContainText('Revocado');
  }

  /** The progress figure in the header ("20 %" · "Proceso bajo"). */
  headerProgress(): { percent: Locator; label: Locator } {
    const meter = this.page.getByTestId('header-progress');
    return {
      percent: meter.getByTestId('progress-percent'),
      label: meter.getByTestId('progress-label'),
    };
  }

  /** Avance → Registrar (on the stage's row): date and evidence note. */
  async recordStage(stage: string, entry: { reachedOn: string; notes: string }): Promise<void> {
    const panel = await this.openTab('progress');
    await panel.getByTestId(`record-stage-${stage}`).click();
    await expect(
      this.dialog.getByRole('heading', { name: 'Registrar etapa de avance' }),
    ).toBeVisible();
    await dialogSettled(this.dialog);
    await this.dialog.getByTestId('stage-reached-on').fill(entry.reachedOn);
    await this.dialog.getByTestId('stage-notes').fill(entry.notes);
    await this.dialog.getByTestId('dialog-save').click();
    await expect(this.dialog).toBeHidden();
  }
}
