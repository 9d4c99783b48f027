import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { SIGN_IN_PATH } from '../auth/auth.guard';
import { AuthStore } from '../auth/auth.store';

/** Calls that answer 401 as part of their normal flow: they must not trigger the redirect. */
const PASS_THROUGH = ['/api/v1/auth/me', '/api/v1/auth/sign-in', '/api/v1/auth/password'];

/** A 401 on any other call means the session ended: go to sign-in and come back afterwards. */
export const unauthorizedInterceptor: HttpInterceptorFn = (req, next) => {
  const router = inject(Router);
  const auth = inject(AuthStore);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !PASS_THROUGH.some((path) => req.url.startsWith(path))
      ) {
        auth.forget();
        const current = router.url;
        if (!current.startsWith(`/${SIGN_IN_PATH}`)) {
          void router.navigate([`/${SIGN_IN_PATH}`], { queryParams: { returnUrl: current } });
        }
      }
      return throwError(() => error);
    }),
  );
};
