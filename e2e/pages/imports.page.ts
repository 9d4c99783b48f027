import { expect, type Locator, type Page } from '@playwright/test';
import { hasPath, localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

export type ImportKind = 'workbook' | 'csv' | 'iati';

/** /importar: choose a kind and files, review the plan (dry run), then import. */
export class ImportsPage extends ShellPage {
  static readonly PATH = '/importar';
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly dryRun: Locator;
  readonly apply: Locator;
  readonly plan: Locator;
  readonly errors: Locator;
  readonly rows: Locator;
  readonly activities: Locator;
  readonly skipped: Locator;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.fileInput = page.getByTestId('import-file');
    this.dryRun = page.getByTestId('import-dry-run');
    this.apply = page.getByTestId('import-apply');
    this.plan = page.getByTestId('import-plan');
    this.errors = page.getByTestId('import-error-row');
    this.rows = page.getByTestId('import-row');
    this.activities = page.getByTestId('import-activity');
    this.skipped = page.getByTestId('import-skipped-activity');
  }

  get path(): string {
    return localePath(this.locale, ImportsPage.PATH);
  }

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await expect(this.page).toHaveURL(hasPath(this.path));
    await expect(this.heading).toBeVisible();
  }

  async chooseKind(kind: ImportKind): Promise<void> {
    await this.page.getByTestId(`import-kind-${kind}`).getByRole('radio').check();
  }

  /** IATI: the unit of all-or-nothing. */
  async chooseAtomicity(unit: 'file' | 'activity'): Promise<void> {
    await this.page.getByTestId(`import-atomicity-${unit}`).getByRole('radio').check();
  }

  async chooseFiles(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
    await expect(this.page.getByTestId('import-file-names')).toContainText(files[0].name);
  }

  /** The count shown for an outcome (create, update, unchanged, errors). */
  count(outcome: 'create' | 'update' | 'unchanged' | 'errors'): Locator {
    return this.page.getByTestId(`import-count-${outcome}`).locator('.count');
  }
}
