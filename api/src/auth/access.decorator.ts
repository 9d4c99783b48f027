import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'staff', 'director', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_KEY = 'coopera:access';

/** What a route declares: open to anyone, to any signed-in user, or to the listed roles. */
export type AccessRule =
  | { kind: 'public'; session?: false }
  | { kind: 'signed-in' }
  | { kind: 'roles'; roles: Role[] };

/**
 * Anyone, signed in or not (health, sign-in, the share-link views). `{ session: false }`: the
 * session cookie is not even looked up (liveness must not depend on the database).
 */
export const Public = (options: { session?: false } = {}) =>
  SetMetadata(ACCESS_KEY, { kind: 'public', ...options } satisfies AccessRule);

/** Any active signed-in user, whatever the role (own profile, sign-out). */
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signed-in' } satisfies AccessRule);

/** Only the listed roles; `admin` is always allowed too. */
export const Roles = (...roles: Role[]) =>
  SetMetadata(ACCESS_KEY, {
    kind: 'roles',
    roles: Array.from(new Set<Role>(['admin', ...roles])),
  } satisfies AccessRule);

export const PASSWORD_CHANGE_KEY = 'coopera:password-change-exempt';

/**
 * Open to a user who must still change an admin-set password (who am I, change it, sign out);
 * every other route answers them 403 PASSWORD_CHANGE_REQUIRED.
 */
export const DuringPasswordChange = () => SetMetadata(PASSWORD_CHANGE_KEY, true);

/** Roles that read the whole portfolio. */
export const READERS: Role[] = ['staff', 'director'];
