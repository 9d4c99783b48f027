import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** A file saved through an "Exportar" menu: its name and bytes. */
export interface SavedFile {
  name: string;
  bytes: Buffer;
}

/**
 * The "Exportar" button (data-testid export-menu) of the action page, the list or a share link's
 * page; entries are data-testid `export-<key>` (sheet-es, sheet-en, iati, xlsx, csv-<table>).
 */
export class ExportMenu {
  readonly button: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('export-menu');
    this.progress = page.getByTestId('export-progress');
  }

  /** Opens the menu, picks `key` and waits for the browser's download; returns the file. */
  async download(key: string): Promise<SavedFile> {
    await expect(this.button).toBeEnabled();
    await this.button.click();
    const item = this.page.getByTestId(`export-${key}`);
    await expect(item).toBeVisible();
    const [download] = await Promise.all([this.page.waitForEvent('download'), item.click()]);
    return read(download);
  }

  /** Opens the menu and returns its entries' test ids (closes it again). */
  async keys(): Promise<string[]> {
    await this.button.click();
    const items = this.page.getByRole('menuitem');
    await expect(items.first()).toBeVisible();
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    await this.page.keyboard.press('Escape');
    return ids.filter((id): id is string => !!id).map((id) => id.replace(/^export-/, ''));
  }
}

async function read(download: Download): Promise<SavedFile> {
  const failure = await download.failure();
  expect(failure, 'download failed').toBeNull();
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}
