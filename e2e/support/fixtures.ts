import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { authErrorFile, authFile } from './paths';
import type { Role } from './users';

/**
 * Starts every test of the enclosing describe signed in as `role` (the storageState saved by
 * global-setup.ts). Fails fast with the sign-in error when global setup could not sign in.
 */
export function signedInAs(role: Role): void {
  test.use({ storageState: authFile(role) });
  test.beforeEach(() => {
    const errorFile = authErrorFile(role);
    if (existsSync(errorFile)) {
      throw new Error(
        `Global setup could not sign in as ${role}: ${readFileSync(errorFile, 'utf8')}`,
      );
    }
  });
}

/** Network noise that is part of normal behaviour, not an application error. */
const EXPECTED_CONSOLE_ERRORS: { text: RegExp; url?: RegExp }[] = [
  // Signed out, the app asks who is signed in and gets 401 before redirecting to sign-in.
  { text: /status of 401/, url: /\/api\/v1\/auth\/me(\?|$)/ },
];

/**
 * Collects console errors and uncaught page errors from the moment it is called.
 * Call `assertNone()` at the end of the test.
 */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url ?? '';
    const expected = EXPECTED_CONSOLE_ERRORS.some(
      (e) => e.text.test(message.text()) && (!e.url || e.url.test(url)),
    );
    if (!expected) errors.push(`console.error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    errors,
    assertNone: () => expect(errors, 'console errors / uncaught page errors').toEqual([]),
  };
}
