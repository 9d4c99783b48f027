import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { acceptLanguageInterceptor } from '../http/accept-language.interceptor';
import { unauthorizedInterceptor } from '../http/unauthorized.interceptor';
import { authGuard, safeReturnUrl } from './auth.guard';
import { AuthStore } from './auth.store';

@Component({ template: '' })
class Blank {}

// One router and HTTP mock per test, for every suite of this file.
let http: HttpTestingController;
let router: Router;

beforeEach(() => {
  TestBed.configureTestingModule({
    providers: [
      { provide: LOCALE_ID, useValue: 'en' },
      provideHttpClient(withInterceptors([acceptLanguageInterceptor, unauthorizedInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'iniciar-sesion', component: Blank },
        { path: 'cambiar-contrasena', component: Blank },
        { path: 'acciones', component: Blank, canActivate: [authGuard] },
      ]),
    ],
  });
  http = TestBed.inject(HttpTestingController);
  router = TestBed.inject(Router);
});

afterEach(() => http.verify());

async function flushMe(
  respond: (req: ReturnType<HttpTestingController['expectOne']>) => void,
): Promise<void> {
  respond(await vi.waitFor(() => http.expectOne('/api/v1/auth/me')));
}

describe('authGuard', () => {
  it('sends a signed-out user to sign-in with the page they asked for as returnUrl', async () => {
    const navigation = router.navigateByUrl('/acciones?status=closed');
    await flushMe((req) => {
      expect(req.request.headers.get('Accept-Language')).toBe('en');
      req.flush(
        { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Sign in' },
        { status: 401, statusText: 'Unauthorized' },
      );
    });
    await navigation;
    expect(router.url).toBe('/iniciar-sesion?returnUrl=%2Facciones%3Fstatus%3Dclosed');
  });

  it('lets a signed-in user through and asks /me only once', async () => {
    const first = router.navigateByUrl('/acciones');
    await flushMe((req) =>
      req.flush({
        id: 'u1',
        email: 'a@b.mx',
        name: 'Ana',
        role: 'staff',
        organisationId: null,
        organisationName: null,
      }),
    );
    expect(await first).toBe(true);
    expect(router.url).toBe('/acciones');
    expect(TestBed.inject(AuthStore).user()?.name).toBe('Ana');

    await router.navigateByUrl('/iniciar-sesion');
    expect(await router.navigateByUrl('/acciones')).toBe(true);
    http.expectNone('/api/v1/auth/me');
  });
});

describe('authGuard: temporary passwords and expired sessions', () => {
  it('sends a user with an admin-set password to the change-password page first', async () => {
    const navigation = router.navigateByUrl('/acciones');
    await flushMe((req) =>
      req.flush({
        id: 'u2',
        email: 'nuevo@b.mx',
        name: 'Nuevo',
        role: 'staff',
        organisationId: null,
        organisationName: null,
        mustChangePassword: true,
      }),
    );
    await navigation;
    expect(router.url).toBe('/cambiar-contrasena?returnUrl=%2Facciones');
  });

  it('redirects to sign-in when any other call answers 401 (session expired)', async () => {
    const first = router.navigateByUrl('/acciones');
    await flushMe((req) =>
      req.flush({
        id: 'u1',
        email: 'a@b.mx',
        name: 'Ana',
        role: 'staff',
        organisationId: null,
        organisationName: null,
      }),
    );
    await first;
    TestBed.inject(HttpClient)
      .get('/api/v1/actions')
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/v1/actions')
      .flush(
        { code: 'UNAUTHENTICATED', message: 'x', statusCode: 401 },
        { status: 401, statusText: 'Unauthorized' },
      );
    await vi.waitFor(() => expect(router.url).toBe('/iniciar-sesion?returnUrl=%2Facciones'));
    expect(TestBed.inject(AuthStore).user()).toBeNull();
  });
});

describe('safeReturnUrl', () => {
  it('accepts in-app paths only', () => {
    expect(safeReturnUrl('/acciones?x=1')).toBe('/acciones?x=1');
    expect(safeReturnUrl('https://evil.example')).toBe('/tablero');
    expect(safeReturnUrl('//evil.example')).toBe('/tablero');
    expect(safeReturnUrl('/iniciar-sesion')).toBe('/tablero');
    expect(safeReturnUrl('/cambiar-contrasena')).toBe('/tablero');
    expect(safeReturnUrl(null)).toBe('/tablero');
  });
});
