import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { toApiError } from '../api/api-error';
import { safeReturnUrl } from './auth.guard';
import { AuthStore } from './auth.store';

@Component({
  selector: 'app-sign-in',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="sign-in">
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title><h1 i18n="@@signIn.title">Iniciar sesión</h1></mat-card-title>
          <mat-card-subtitle i18n="@@signIn.subtitle"
            >Coopera · cooperación internacional</mat-card-subtitle
          >
        </mat-card-header>
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="sign-in-form">
            <mat-form-field class="full-width">
              <mat-label i18n="@@signIn.email">Correo electrónico</mat-label>
              <input
                matInput
                type="email"
                formControlName="email"
                autocomplete="username"
                required
                data-testid="sign-in-email"
              />
              @if (form.controls.email.hasError('email')) {
                <mat-error i18n="@@signIn.emailInvalid">Escribe un correo válido.</mat-error>
              } @else if (form.controls.email.hasError('required')) {
                <mat-error i18n="@@signIn.emailRequired">Escribe tu correo.</mat-error>
              }
            </mat-form-field>
            <mat-form-field class="full-width">
              <mat-label i18n="@@signIn.password">Contraseña</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="current-password"
                required
                data-testid="sign-in-password"
              />
              @if (form.controls.password.hasError('required')) {
                <mat-error i18n="@@signIn.passwordRequired">Escribe tu contraseña.</mat-error>
              }
            </mat-form-field>
            @if (error()) {
              <p class="error" role="alert" data-testid="sign-in-error">{{ error() }}</p>
            }
            @if (busy()) {
              <mat-progress-bar mode="indeterminate" />
            }
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy()"
              data-testid="sign-in-submit"
              i18n="@@signIn.submit"
            >
              Entrar
            </button>
          </form>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .sign-in {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 16px;
      box-sizing: border-box;
      background: var(--mat-sys-surface-container-low);
    }
    mat-card {
      width: min(420px, 100%);
    }
    h1 {
      margin: 0;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0 0 8px;
    }
  `,
})
export class SignIn {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { email, password } = this.form.getRawValue();
      await this.auth.signIn(email.trim(), password);
      await this.router.navigateByUrl(
        safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')),
      );
    } catch (e) {
      const err = toApiError(e);
      this.error.set(
        err.code === 'RATE_LIMITED' && err.retryAfterSeconds
          ? $localize`:@@signIn.rateLimited:Demasiados intentos. Vuelve a intentarlo en ${err.retryAfterSeconds}:seconds: s.`
          : err.message,
      );
    } finally {
      this.busy.set(false);
    }
  }
}
