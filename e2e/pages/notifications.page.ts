import { expect, type Locator, type Page } from '@playwright/test';

/** The toolbar bell and its panel of overdue and upcoming milestones. */
export class NotificationsPanel {
  readonly bell: Locator;
  readonly panel: Locator;
  readonly overdue: Locator;
  readonly upcoming: Locator;
  readonly readAll: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByTestId('notifications-bell');
    this.panel = page.getByRole('menu');
    this.overdue = this.panel.getByRole('group', { name: /Atrasados/ });
    this.upcoming = this.panel.getByRole('group', { name: /Próximos/ });
    this.readAll = this.panel.getByTestId('notifications-read-all');
  }

  async open(): Promise<void> {
    await this.bell.click();
    await expect(this.panel).toBeVisible();
  }

  /** The panel entry of a milestone (a link to its action). */
  item(milestoneTitle: string): Locator {
    return this.panel.getByRole('menuitem').filter({ hasText: milestoneTitle });
  }

  /** Dismisses a milestone's entry with its own button (the panel stays open). */
  async dismiss(milestoneTitle: string): Promise<void> {
    await this.panel.getByRole('menuitem', { name: `Descartar: ${milestoneTitle}` }).click();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.panel).toBeHidden();
  }
}
