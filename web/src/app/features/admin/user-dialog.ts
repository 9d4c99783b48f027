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
  template: `
    <h2 mat-dialog-title i18n="@@users.create.title">Nuevo usuario</h2>
    @if (created(); as user) {
      <mat-dialog-content>
        <p i18n="@@users.create.done">Se creó la cuenta de {{ user.email }}.</p>
        @if (user.temporaryPassword) {
          <p i18n="@@users.create.tempPassword">
            Contraseña temporal (se muestra una sola vez; compártela por un canal seguro):
          </p>
          <p class="temp-row">
            <code class="temp" data-testid="temporary-password">{{ user.temporaryPassword }}</code>
            <button
              mat-stroked-button
              type="button"
              (click)="copy(user.temporaryPassword)"
              data-testid="copy-password"
            >
              @if (copied()) {
                <ng-container i18n="@@users.copied">Copiada</ng-container>
              } @else {
                <ng-container i18n="@@users.copy">Copiar</ng-container>
              }
            </button>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" [mat-dialog-close]="user" i18n="@@common.close">
          Cerrar
        </button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content>
          <mat-form-field class="full-width">
            <mat-label i18n="@@users.field.email">Correo electrónico</mat-label>
            <input
              matInput
              type="email"
              formControlName="email"
              required
              data-testid="user-email"
            />
            <mat-error>{{ errorText('email') }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label i18n="@@users.field.name">Nombre</mat-label>
            <input matInput formControlName="name" required data-testid="user-name-field" />
            <mat-error>{{ errorText('name') }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label i18n="@@users.field.role">Rol</mat-label>
            <mat-select formControlName="role" required data-testid="user-role-field">
              @for (r of roles; track r) {
                <mat-option [value]="r">{{ roleLabels[r] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorText('role') }}</mat-error>
          </mat-form-field>
          @if (form.controls.role.value === 'partner') {
            <mat-form-field class="full-width">
              <mat-label i18n="@@users.field.organisation">Organización</mat-label>
              <mat-select formControlName="organisationId" required>
                @for (o of organisations(); track o.id) {
                  <mat-option [value]="o.id">{{
                    o.acronym ? o.acronym + ' · ' + o.name : o.name
                  }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ errorText('organisationId') }}</mat-error>
            </mat-form-field>
          }
          <mat-form-field class="full-width">
            <mat-label i18n="@@users.field.password">Contraseña inicial (opcional)</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="new-password"
            />
            <mat-hint i18n="@@users.field.passwordHint"
              >Déjala vacía para generar una temporal.</mat-hint
            >
            <mat-error>{{ errorText('password') }}</mat-error>
          </mat-form-field>
          @if (error()) {
            <p class="server-error" role="alert">{{ error() }}</p>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy()"
            data-testid="user-save"
            i18n="@@users.create.submit"
          >
            Crear
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
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
