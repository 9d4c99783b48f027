import { expect, type Locator, type Page } from '@playwright/test';
import { hasPath, localePath, type Locale } from './locale';

const TEXT = {
  es: {
    heading: 'Iniciar sesión',
    email: /^Correo electrónico(\s*\*)?$/,
    password: /^Contraseña(\s*\*)?$/,
    submit: 'Entrar',
  },
  en: {
    heading: 'Sign in',
    email: /^E-mail(\s*\*)?$/,
    password: /^Password(\s*\*)?$/,
    submit: 'Sign in',
  },
} as const;

export const SIGN_IN_PATH = '/iniciar-sesion';

/** /iniciar-sesion (Spanish) and /en/iniciar-sesion (English). */
export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The message shown when the credentials are refused (an element with role="alert"). */
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly locale: Locale = 'es',
  ) {
    const text = TEXT[locale];
    this.heading = page.getByRole('heading', { name: text.heading, exact: true });
    this.email = page.getByLabel(text.email);
    this.password = page.getByLabel(text.password);
    this.submit = page.getByRole('button', { name: text.submit, exact: true });
    this.error = page.getByRole('alert').filter({ hasText: /\S/ });
  }

  get path(): string {
    return localePath(this.locale, SIGN_IN_PATH);
  }

  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(hasPath(this.path));
    await expect(this.email).toBeVisible();
    await expect(this.password).toBeVisible();
    await expect(this.submit).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
