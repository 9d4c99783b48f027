import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { fieldErrors, toApiError } from '../api/api-error';
import { safeReturnUrl, SIGN_IN_PATH } from './auth.guard';
import { AuthStore } from './auth.store';
import { MIN_PASSWORD_LENGTH } from './change-password-dialog';

/** The page a user with an admin-set (temporary) password lands on: they choose their own. */
@Component({
  selector: 'app-change-password',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="change-password">
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title
            ><h1 i18n="@@security.password.title">Elige tu contraseña</h1></mat-card-title
          >
          <mat-card-subtitle i18n="@@security.password.why"
            >Tu contraseña es temporal: cámbiala para continuar.</mat-card-subtitle
          >
        </mat-card-header>
        <mat-card-content>
          <form
            [formGroup]="form"
            (ngSubmit)="submit()"
            novalidate
            data-testid="change-password-form"
          >
            <mat-form-field class="full-width">
              <mat-label i18n="@@security.password.current">Contraseña temporal</mat-label>
              <input
                matInput
                type="password"
                formControlName="currentPassword"
                autocomplete="current-password"
                required
                data-testid="current-password"
              />
              @if (serverErrors()['currentPassword']; as msg) {
                <mat-hint class="server-error">{{ msg }}</mat-hint>
              }
            </mat-form-field>
            <mat-form-field class="full-width">
              <mat-label i18n="@@security.password.new">Contraseña nueva</mat-label>
              <input
                matInput
                type="password"
                formControlName="newPassword"
                autocomplete="new-password"
                required
                data-testid="new-password"
              />
              <mat-hint i18n="@@security.password.hint"
                >Al menos {{ minLength }} caracteres.</mat-hint
              >
              @if (form.controls.newPassword.invalid) {
                <mat-error i18n="@@security.password.tooShort"
                  >Al menos {{ minLength }} caracteres.</mat-error
                >
              }
            </mat-form-field>
            @if (error()) {
              <p class="server-error" role="alert">{{ error() }}</p>
            }
            <div class="actions">
              <button
                mat-button
                type="button"
                (click)="signOut()"
                i18n="@@security.password.signOut"
              >
                Cerrar sesión
              </button>
              <button
                mat-flat-button
                type="submit"
                [disabled]="busy()"
                data-testid="change-password-submit"
                i18n="@@security.password.submit"
              >
                Guardar y continuar
              </button>
            </div>
          </form>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .change-password {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 16px;
    }
    mat-card {
      width: min(420px, 100%);
    }
    .full-width {
      width: 100%;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ChangePassword {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly serverErrors = signal<Record<string, string>>({});

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword(currentPassword, newPassword);
      await this.router.navigateByUrl(
        safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
      );
    } catch (e) {
      const err = toApiError(e);
      const byField = fieldErrors(err);
      if (err.code === 'WRONG_PASSWORD') byField['currentPassword'] = err.message;
      this.serverErrors.set(byField);
      this.error.set(err.message);
    } finally {
      this.busy.set(false);
    }
  }

  async signOut(): Promise<void> {
    await this.auth.signOut().catch(() => undefined);
    await this.router.navigateByUrl(`/${SIGN_IN_PATH}`);
  }
}
