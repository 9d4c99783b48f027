import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { PasswordChange, PasswordFields } from './password-fields';

/** «Cambiar contraseña» from the user menu. Closes with true once changed. */
@Component({
  selector: 'app-change-password-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, PasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n="@@password.title">Cambiar contraseña</h2>
    <form [formGroup]="change.form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-password-fields [change]="change" [currentLabel]="currentLabel" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
        <button mat-flat-button type="submit" [disabled]="change.busy()" i18n="@@password.submit">
          Cambiar
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ChangePasswordDialog {
  private readonly ref = inject(MatDialogRef<ChangePasswordDialog, boolean>);
  protected readonly change = new PasswordChange();
  protected readonly currentLabel = $localize`:@@password.current:Contraseña actual`;

  submit(): Promise<void> {
    return this.change.submit(() => this.ref.close(true));
  }
}
