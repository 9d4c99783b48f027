import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in application shell: the toolbar with the user and the language switch. */
export class ShellPage {
  readonly userName: Locator;
  readonly userRole: Locator;
  readonly langSwitch: Locator;

  constructor(readonly page: Page) {
    this.userName = page.getByTestId('user-name');
    this.userRole = page.getByTestId('user-role');
    this.langSwitch = page.getByTestId('lang-switch');
  }

  /**
   * The toolbar shows the user and the role label; a partner's label may be followed by the
   * organisation ("Socio · GIZ").
   */
  async expectSignedInAs(roleLabel: string, organisation?: string): Promise<void> {
    await expect(this.userName).toBeVisible();
    await expect(this.userName).not.toBeEmpty();
    await expect(this.userRole).toHaveText(roleText(roleLabel));
    if (organisation) await expect(this.userRole).toContainText(organisation);
  }

  /** The `lang` attribute of <html> (es-MX / en in the localized builds). */
  async documentLanguage(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exactly `label`, optionally followed by " · <organisation>". */
export const roleText = (label: string): RegExp =>
  new RegExp(`^\\s*${escapeRegExp(label)}(\\s*·.*)?$`);
