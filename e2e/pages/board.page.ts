import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /junta: the board sessions. */
export class BoardSessionsPage extends ShellPage {
  readonly table: Locator;
  readonly newSession: Locator;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.table = page.getByTestId('sessions-table');
    this.newSession = page.getByTestId('new-session');
  }

  async goto(): Promise<void> {
    await this.page.goto(localePath(this.locale, '/junta'));
    await expect(this.table).toBeVisible();
  }

  /** The link of the session of `year` numbered `n`. */
  session(year: number, n: number): Locator {
    return this.page.getByTestId(`session-${year}-${n}`);
  }
}

/** /junta/:id: a session with its agenda and agreements. */
export class BoardSessionPage extends ShellPage {
  readonly title: Locator;
  readonly agenda: Locator;
  readonly agreements: Locator;
  readonly openReport: Locator;

  constructor(page: Page) {
    super(page);
    this.title = page.getByTestId('session-title');
    this.agenda = page.getByTestId('agenda');
    this.agreements = page.getByTestId('agreements');
    this.openReport = page.getByTestId('open-report');
  }

  async goto(id: string, locale: Locale = 'es'): Promise<void> {
    await this.page.goto(localePath(locale, `/junta/${id}`));
    await expect(this.title).toBeVisible();
  }

  agreement(code: string): Locator {
    return this.page.getByTestId(`agreement-${code}`);
  }

  /** Expands an agreement's panel (its follow-up notes load on opening). */
  async openAgreement(code: string): Promise<Locator> {
    const panel = this.agreement(code);
    await panel.getByRole('button').first().click();
    await expect(panel.getByTestId('agreement-notes')).toBeVisible();
    return panel;
  }
}

/** /junta/:id/informe: the print-ready follow-up report with its PDF downloads. */
export class BoardReportPage extends ShellPage {
  readonly report: Locator;
  readonly pdfEs: Locator;
  readonly pdfEn: Locator;

  constructor(page: Page) {
    super(page);
    this.report = page.getByTestId('board-report');
    this.pdfEs = page.getByTestId('report-pdf-es');
    this.pdfEn = page.getByTestId('report-pdf-en');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.report).toBeVisible();
  }

  /** Clicks a PDF button and returns the downloaded file with its suggested name. */
  async download(lang: 'es' | 'en'): Promise<{ name: string; body: Buffer }> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      (lang === 'es' ? this.pdfEs : this.pdfEn).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), body: readFileSync(path) };
  }
}

/** /acuerdos: the agreements across sessions. */
export class AgreementsPage extends ShellPage {
  readonly table: Locator;
  readonly filter: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('agreements-table');
    this.filter = page.getByTestId('agreement-filter');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/acuerdos${query}`);
    await expect(this.filter).toBeVisible();
  }

  row(code: string): Locator {
    return this.page.getByTestId(`row-${code}`);
  }
}
