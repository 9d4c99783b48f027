import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/**
 * The end of a form dialog: the server's message (when there is one), «Cancelar» and «Guardar».
 * Put it inside the dialog's <form>, after <mat-dialog-content>: «Guardar» submits the form.
 */
@Component({
  selector: 'app-dialog-actions',
  imports: [MatButtonModule, MatDialogModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error()) {
      <p class="server-error" role="alert" data-testid="dialog-error">{{ error() }}</p>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
      <button
        mat-flat-button
        type="submit"
        [disabled]="busy()"
        data-testid="dialog-save"
        i18n="@@common.save"
      >
        Guardar
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    :host {
      display: contents;
    }
    .server-error {
      margin: 0;
      padding: 8px 24px 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class DialogActions {
  readonly busy = input(false);
  readonly error = input<string | null>(null);
}

/** The layout every form dialog shares: full-width fields, and rows of fields that wrap. */
export function dialogFormStyles(fieldMinWidth: number): string {
  return `
  .full-width {
    width: 100%;
  }
  .row {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
  }
  .row > * {
    flex: 1 1 ${fieldMinWidth}px;
  }
`;
}

/** What every form dialog's template uses: reactive forms, the dialog's parts, fields, its actions. */
export const FORM_DIALOG_IMPORTS = [
  DialogActions,
  ReactiveFormsModule,
  MatDialogModule,
  MatFormFieldModule,
  MatInputModule,
  MatButtonModule,
] as const;
