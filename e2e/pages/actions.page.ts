import { expect, type Locator, type Page } from '@playwright/test';
import { ExportMenu } from './export-menu';
import { hasPath, localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /acciones: the portfolio list, one data-testid="action-row" per cooperation action. */
export class ActionsPage extends ShellPage {
  static readonly PATH = '/acciones';
  readonly rows: Locator;
  readonly newAction: Locator;
  readonly exports: ExportMenu;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.rows = page.getByTestId('action-row');
    this.newAction = page.getByTestId('new-action');
    this.exports = new ExportMenu(page);
  }

  get path(): string {
    return localePath(this.locale, ActionsPage.PATH);
  }

  /** Opens the list, optionally with query params (e.g. { pageSize: '100' }). */
  async goto(query: Record<string, string> = {}): Promise<void> {
    const search = new URLSearchParams(query).toString();
    await this.page.goto(search ? `${this.path}?${search}` : this.path);
    await this.expectLoaded();
  }

  /** Waits until the list is not loading (no progress bar). */
  async settled(): Promise<void> {
    await expect(
      this.page.getByRole('progressbar', { name: /Cargando acciones|Loading/ }),
    ).toHaveCount(0);
  }

  /** The list is shown with at least one action (the demo portfolio is loaded). */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(hasPath(this.path));
    await expect(this.rows.first()).toBeVisible();
  }
}
