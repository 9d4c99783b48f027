import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ExportMenu } from './export-menu';

/** /compartido/:token: the public page of a share link (no sign-in, no app navigation). */
export class SharedActionPage {
  readonly code: Locator;
  readonly title: Locator;
  readonly unavailable: Locator;
  readonly exports: ExportMenu;

  constructor(readonly page: Page) {
    this.code = page.getByTestId('action-code');
    this.title = page.getByTestId('action-title');
    this.unavailable = page.getByTestId('shared-unavailable');
    this.exports = new ExportMenu(page);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async expectShows(code: string): Promise<void> {
    await expect(this.code).toHaveText(code);
    await expect(this.title).not.toBeEmpty();
    await expect(this.unavailable).toHaveCount(0);
  }

  /** Downloads an evidence file from the page's list; returns its file name and bytes. */
  async downloadEvidence(fileName: string): Promise<{ name: string; bytes: Buffer }> {
    const link = this.page
      .getByTestId('shared-evidence')
      .getByRole('link', { name: fileName, exact: true });
    const [download] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }

  async expectUnavailable(): Promise<void> {
    await expect(this.unavailable).toBeVisible();
    await expect(this.code).toHaveCount(0);
  }
}
