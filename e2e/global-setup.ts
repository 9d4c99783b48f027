import { request, type FullConfig } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { AUTH_DIR, authErrorFile, authFile } from './support/paths';
import { DEMO_USERS, ROLES } from './support/users';

/**
 * Signs in each demo role once through the API and saves its cookies (session + XSRF) as a
 * Playwright storageState, so specs start signed in without going through the form.
 *
 * A role that cannot sign in (the seed is missing, the API is down) does not abort the whole run:
 * its state is saved empty and the reason is written next to it; `signedInAs()` then fails only
 * the tests that need that role, with that reason.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('BASE_URL is not set (npm run e2e sets it)');
  rmSync(AUTH_DIR, { recursive: true, force: true });
  mkdirSync(AUTH_DIR, { recursive: true });

  for (const role of ROLES) {
    const user = DEMO_USERS[role];
    const context = await request.newContext({ baseURL });
    try {
      const response = await context.post('/api/v1/auth/sign-in', {
        data: { email: user.email, password: user.password },
        failOnStatusCode: false,
      });
      if (!response.ok()) {
        const reason = `POST /api/v1/auth/sign-in as ${user.email} answered ${response.status()}: ${(
          await response.text()
        ).slice(0, 300)}`;
        writeFileSync(authErrorFile(role), reason);
        console.warn(`[global-setup] ${reason}`);
      }
      await context.storageState({ path: authFile(role) });
    } finally {
      await context.dispose();
    }
  }
}
