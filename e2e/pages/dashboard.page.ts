import { expect, type Page } from '@playwright/test';
import { hasPath, localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /tablero: the default page after sign-in. */
export class DashboardPage extends ShellPage {
  static readonly PATH = '/tablero';

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
  }

  get path(): string {
    return localePath(this.locale, DashboardPage.PATH);
  }

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(hasPath(this.path));
    await expect(this.userName).toBeVisible();
  }
}
