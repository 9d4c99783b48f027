import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { fieldErrors, toApiError } from '../api/api-error';
import { AuthStore } from './auth.store';

export const MIN_PASSWORD_LENGTH = 10;

@Component({
  selector: 'app-change-password-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n="@@password.title">Cambiar contraseña</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@password.current">Contraseña actual</mat-label>
          <input
            matInput
            type="password"
            formControlName="currentPassword"
            autocomplete="current-password"
            required
          />
          @if (serverErrors()['currentPassword']; as msg) {
            <mat-hint class="server-error">{{ msg }}</mat-hint>
          }
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@password.new">Contraseña nueva</mat-label>
          <input
            matInput
            type="password"
            formControlName="newPassword"
            autocomplete="new-password"
            required
          />
          <mat-hint i18n="@@password.hint">Al menos {{ minLength }} caracteres.</mat-hint>
          @if (form.controls.newPassword.invalid) {
            <mat-error i18n="@@password.tooShort">Al menos {{ minLength }} caracteres.</mat-error>
          }
        </mat-form-field>
        @if (error()) {
          <p class="server-error" role="alert">{{ error() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
        <button mat-flat-button type="submit" [disabled]="busy()" i18n="@@password.submit">
          Cambiar
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ChangePasswordDialog {
  private readonly auth = inject(AuthStore);
  private readonly ref = inject(MatDialogRef<ChangePasswordDialog, boolean>);
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
      this.ref.close(true);
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
