import { expect, type Locator, type Page } from '@playwright/test';
import { hasPath, localePath, type Locale } from './locale';
import { ShellPage } from './shell.page';

/** /tablero: the default page after sign-in. */
export class DashboardPage extends ShellPage {
  static readonly PATH = '/tablero';
  /** The by-partner bar chart card (an ECharts canvas inside). */
  readonly partnerChart: Locator;
  readonly sdgCoverage: Locator;

  constructor(
    page: Page,
    readonly locale: Locale = 'es',
  ) {
    super(page);
    this.partnerChart = page.getByTestId('chart-by-partner');
    this.sdgCoverage = page.getByTestId('sdg-coverage');
  }

  /** A key-figure card: data-testid kpi-actions, kpi-partners, kpi-committed, kpi-ceilings… */
  kpi(name: string): Locator {
    return this.page.getByTestId(`kpi-${name}`);
  }

  /** The figure of a key-figure card (its large value line). */
  kpiValue(name: string): Locator {
    return this.kpi(name).locator('.value');
  }

  /** The reporting-currency toggle button (MXN, USD…). */
  currencyButton(currency: string): Locator {
    return this.page.getByTestId(`currency-${currency}`).locator('button');
  }

  /** The tile of SDG `n` (a link to /acciones?sdg=n). */
  sdgTile(n: number): Locator {
    return this.page.getByTestId(`sdg-tile-${n}`);
  }

  /** The by-partner chart's canvas, once ECharts has drawn it. */
  async partnerCanvas(): Promise<Locator> {
    const canvas = this.partnerChart.locator('canvas').first();
    await expect(canvas).toBeVisible();
    return canvas;
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
