import { expect, type Locator, type Page } from '@playwright/test';
import { hasPath, localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /acciones: the portfolio list, one data-testid="action-row" per cooperation action. */
export class ActionsPage extends ShellPage {
  static readonly PATH = '/acciones';
  readonly rows: Locator;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.rows = page.getByTestId('action-row');
  }

  get path(): string {
    return localePath(this.locale, ActionsPage.PATH);
  }

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await this.expectLoaded();
  }

  /** The list is shown with at least one action (the demo portfolio is loaded). */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(hasPath(this.path));
    await expect(this.rows.first()).toBeVisible();
  }
}
