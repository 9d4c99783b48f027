import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { catchError, firstValueFrom, map, of } from 'rxjs';
import { fieldErrors, toApiError } from '../../core/api/api-error';
import { CreatedUser, CreateUserRequest, Role, ROLES } from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { MIN_PASSWORD_LENGTH } from '../../core/auth/password-fields';
import { ROLE_LABELS } from '../../core/i18n/labels';
import { UsersApi } from './users.api';

@Component({
  selector: 'app-user-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-dialog.html',
  styles: `
    .server-error {
      color: var(--mat-sys-error);
    }
    .temp-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .temp {
      font-size: 1.2em;
      padding: 4px 8px;
      background: var(--mat-sys-surface-container-high);
      user-select: all;
    }
  `,
})
export class UserDialog {
  private readonly api = inject(UsersApi);
  private readonly ref = inject(MatDialogRef<UserDialog, CreatedUser | undefined>);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly organisations = toSignal(
    inject(OrganisationsApi)
      .list({ pageSize: 100 })
      .pipe(
        map((p) => p.items),
        catchError(() => of([])),
      ),
    { initialValue: [] },
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    role: ['staff' as Role, Validators.required],
    organisationId: [''],
    password: ['', [Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(200)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreatedUser | null>(null);
  protected readonly copied = signal(false);
  private readonly clipboard = inject(Clipboard);

  constructor() {
    this.ref.disableClose = true;
    // The organisation is required for partners only: switching from partner to another role
    // must drop its error, or the form could never be sent again.
    const organisation = this.form.controls.organisationId;
    this.form.controls.role.valueChanges.pipe(takeUntilDestroyed()).subscribe((role) => {
      organisation.setValidators(role === 'partner' ? Validators.required : null);
      if (role !== 'partner') organisation.setValue('');
      organisation.updateValueAndValidity();
    });
  }

  protected copy(text: string | null | undefined): void {
    this.copied.set(!!text && this.clipboard.copy(text));
  }

  protected errorText(name: keyof typeof this.form.controls): string {
    const errors = this.form.controls[name].errors;
    if (!errors) return '';
    if (typeof errors['server'] === 'string') return errors['server'];
    if (errors['required']) return $localize`:@@form.required:Campo obligatorio.`;
    if (errors['email']) return $localize`:@@users.emailInvalid:Correo no válido.`;
    if (errors['minlength'])
      return $localize`:@@users.passwordTooShort:Al menos ${MIN_PASSWORD_LENGTH}:min: caracteres.`;
    return $localize`:@@form.invalid:Valor no válido.`;
  }

  async submit(): Promise<void> {
    const isPartner = this.form.controls.role.value === 'partner';
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateUserRequest = { email: v.email.trim(), name: v.name.trim(), role: v.role };
    if (isPartner) body.organisationId = v.organisationId;
    if (v.password) body.password = v.password;
    this.busy.set(true);
    this.error.set(null);
    try {
      const user = await firstValueFrom(this.api.create(body));
      if (user.temporaryPassword) {
        this.created.set(user);
      } else {
        this.ref.close(user);
      }
    } catch (e) {
      const err = toApiError(e);
      const byField = fieldErrors(err);
      if (err.code === 'USER_EMAIL_TAKEN') byField['email'] = err.message;
      for (const [field, message] of Object.entries(byField)) {
        const control = this.form.get(field);
        control?.setErrors({ server: message });
        control?.markAsTouched();
      }
      this.error.set(err.message);
    } finally {
      this.busy.set(false);
    }
  }
}
