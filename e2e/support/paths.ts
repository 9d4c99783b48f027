import { join } from 'node:path';
import type { Role } from './users';

/** e2e/ itself, whatever the working directory. */
export const E2E_DIR = join(__dirname, '..');
/** Screenshots (git-ignored). */
export const ARTIFACTS_DIR = join(E2E_DIR, 'artifacts');
/** storageState per demo role, written once by global-setup.ts (git-ignored). */
export const AUTH_DIR = join(E2E_DIR, '.auth');

export const authFile = (role: Role): string => join(AUTH_DIR, `${role}.json`);
export const authErrorFile = (role: Role): string => join(AUTH_DIR, `${role}.error.txt`);
