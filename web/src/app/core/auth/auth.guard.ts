import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';
import { Capability } from './permissions';

export const SIGN_IN_PATH = 'iniciar-sesion';
export const CHANGE_PASSWORD_PATH = 'cambiar-contrasena';

/**
 * Lets signed-in users through; others go to the sign-in page with a returnUrl. A user whose
 * password an admin set must change it first (the API refuses everything else until then).
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const user = await auth.ensureLoaded();
  if (user?.mustChangePassword)
    return router.createUrlTree([`/${CHANGE_PASSWORD_PATH}`], {
      queryParams: { returnUrl: state.url },
    });
  if (user) return true;
  return router.createUrlTree([`/${SIGN_IN_PATH}`], { queryParams: { returnUrl: state.url } });
};

/** The change-password page: only for a signed-in user who must change an admin-set password. */
export const passwordChangeGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const user = await auth.ensureLoaded();
  if (!user) return router.createUrlTree([`/${SIGN_IN_PATH}`]);
  return user.mustChangePassword ? true : router.createUrlTree(['/tablero']);
};

/** Lets through only users whose role has the capability; others go to the dashboard. */
export function capabilityGuard(capability: Capability): CanActivateFn {
  return async () => {
    const auth = inject(AuthStore);
    const router = inject(Router); // before the await: inject() needs the injection context
    await auth.ensureLoaded();
    return auth.can(capability) ? true : router.createUrlTree(['/tablero']);
  };
}

/** The sign-in page itself: a user who is already signed in goes on to the app. */
export const signedOutGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const user = await auth.ensureLoaded().catch(() => null);
  return user ? router.createUrlTree(['/tablero']) : true;
};

/** Only same-app paths are accepted as returnUrl (no open redirects). */
export function safeReturnUrl(value: string | null | undefined): string {
  if (
    !value ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith(`/${SIGN_IN_PATH}`) ||
    value.startsWith(`/${CHANGE_PASSWORD_PATH}`)
  ) {
    return '/tablero';
  }
  return value;
}
