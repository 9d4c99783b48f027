import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldErrors, toApiError } from '../api/api-error';
import { AuthStore } from './auth.store';

export const MIN_PASSWORD_LENGTH = 10;

/** Current and new password, sent to the API; the API's refusal lands on the fields. */
export class PasswordChange {
  private readonly auth = inject(AuthStore);
  readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly serverErrors = signal<Record<string, string>>({});

  /** Changes the password, then runs `done` (close the dialog, go on to the app). */
  async submit(done: () => unknown): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword(currentPassword, newPassword);
      await done();
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
}

/**
 * The two fields of a password change and the server's message, for the change-password dialog
 * and the page of a temporary password. Put it inside the owner's <form>.
 */
@Component({
  selector: 'app-password-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="full-width">
      <mat-label>{{ currentLabel() }}</mat-label>
      <input
        matInput
        type="password"
        [formControl]="change().form.controls.currentPassword"
        autocomplete="current-password"
        required
        data-testid="current-password"
      />
      @if (change().serverErrors()['currentPassword']; as msg) {
        <mat-hint class="server-error">{{ msg }}</mat-hint>
      }
    </mat-form-field>
    <mat-form-field class="full-width">
      <mat-label i18n="@@password.new">Contraseña nueva</mat-label>
      <input
        matInput
        type="password"
        [formControl]="change().form.controls.newPassword"
        autocomplete="new-password"
        required
        data-testid="new-password"
      />
      <mat-hint i18n="@@password.hint">Al menos {{ minLength }} caracteres.</mat-hint>
      @if (change().form.controls.newPassword.invalid) {
        <mat-error i18n="@@password.tooShort">Al menos {{ minLength }} caracteres.</mat-error>
      }
    </mat-form-field>
    @if (change().error()) {
      <p class="server-error" role="alert">{{ change().error() }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .full-width {
      width: 100%;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class PasswordFields {
  readonly change = input.required<PasswordChange>();
  /** «Contraseña actual» in the dialog, «Contraseña temporal» on the page of a temporary one. */
  readonly currentLabel = input.required<string>();
  protected readonly minLength = MIN_PASSWORD_LENGTH;
}
