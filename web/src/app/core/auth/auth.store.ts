import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { Role, SessionUser, SignInResponse } from '../api/models';
import { Capability, can } from './permissions';

const BASE = '/api/v1/auth';

/** The signed-in user: loaded from /me once, kept in a signal. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly userSignal = signal<SessionUser | null>(null);
  private loading: Promise<SessionUser | null> | null = null;
  private loaded = false;

  readonly user = this.userSignal.asReadonly();
  readonly role = computed<Role | null>(() => this.userSignal()?.role ?? null);
  readonly signedIn = computed(() => this.userSignal() !== null);

  can(capability: Capability): boolean {
    return can(this.role(), capability);
  }

  /** Resolves the current user, asking the API only the first time (or after a sign-out). */
  ensureLoaded(): Promise<SessionUser | null> {
    if (this.loaded) return Promise.resolve(this.userSignal());
    this.loading ??= firstValueFrom(this.http.get<SessionUser>(`${BASE}/me`))
      .then((user) => user as SessionUser | null)
      .catch((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) return null;
        throw error;
      })
      .then((user) => {
        this.userSignal.set(user);
        this.loaded = true;
        return user;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    const response = await firstValueFrom(
      this.http.post<SignInResponse>(`${BASE}/sign-in`, { email, password }),
    );
    this.userSignal.set(response.user);
    this.loaded = true;
    return response.user;
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>(`${BASE}/sign-out`, {}));
    } finally {
      this.forget();
    }
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await firstValueFrom(
      this.http.post<void>(`${BASE}/password`, { currentPassword, newPassword }),
    );
    // A temporary password is now the user's own: the app opens up.
    const user = this.userSignal();
    if (user?.mustChangePassword) this.userSignal.set({ ...user, mustChangePassword: false });
  }

  /** Drops the cached user (session expired or signed out). */
  forget(): void {
    this.userSignal.set(null);
    this.loaded = false;
  }
}
