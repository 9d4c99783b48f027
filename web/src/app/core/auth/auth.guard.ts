import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';
import { Capability } from './permissions';

export const SIGN_IN_PATH = 'iniciar-sesion';

/** Lets signed-in users through; others go to the sign-in page with a returnUrl. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const user = await auth.ensureLoaded();
  if (user) return true;
  return router.createUrlTree([`/${SIGN_IN_PATH}`], { queryParams: { returnUrl: state.url } });
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
    value.startsWith(`/${SIGN_IN_PATH}`)
  ) {
    return '/tablero';
  }
  return value;
}
