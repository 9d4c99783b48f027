import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import { applyApiErrors, controlErrorText } from '../../shared/forms';
import { Theme, themeLabel } from '../../shared/themes/themes.model';
import { ThemesStore } from '../../shared/themes/themes.store';

export interface ThemeDialogData {
  /** The theme to rename; absent to add one. */
  theme?: Theme;
}

/** Closes with the saved theme, or 'conflict' when someone else changed it meanwhile. */
export type ThemeDialogResult = Theme | 'conflict' | undefined;

@Component({
  selector: 'app-theme-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      @if (theme) {
        <span i18n="@@themes.edit.title">Renombrar tema</span>
      } @else {
        <span i18n="@@themes.create.title">Nuevo tema</span>
      }
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@themes.field.labelEs">Nombre en español</mat-label>
          <input matInput formControlName="labelEs" required data-testid="theme-label-es" />
          <mat-error>{{ errorText('labelEs') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@themes.field.labelEn">Nombre en inglés</mat-label>
          <input matInput formControlName="labelEn" required data-testid="theme-label-en" />
          <mat-error>{{ errorText('labelEn') }}</mat-error>
        </mat-form-field>
        @if (theme) {
          <p class="hint" i18n="@@themes.edit.codeStays">
            La clave «{{ theme.code }}» no cambia: las acciones con este tema muestran el nuevo
            nombre.
          </p>
        }
        @for (message of messages(); track $index) {
          <p class="server-error" role="alert" data-testid="theme-error">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy()"
          data-testid="theme-save"
          i18n="@@themes.save"
        >
          Guardar
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ThemeDialog {
  private readonly store = inject(ThemesStore);
  private readonly ref = inject(MatDialogRef<ThemeDialog, ThemeDialogResult>);
  protected readonly theme = inject<ThemeDialogData | null>(MAT_DIALOG_DATA, { optional: true })
    ?.theme;
  protected readonly form = inject(NonNullableFormBuilder).group({
    labelEs: [
      this.theme?.labelEs ?? '',
      [Validators.required, Validators.minLength(2), Validators.maxLength(100)],
    ],
    labelEn: [
      this.theme?.labelEn ?? '',
      [Validators.required, Validators.minLength(2), Validators.maxLength(100)],
    ],
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);

  constructor() {
    this.ref.disableClose = true;
  }

  protected errorText(name: keyof typeof this.form.controls): string {
    return controlErrorText(this.form.controls[name]);
  }

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.messages.set([]);
    try {
      const saved = this.theme
        ? await firstValueFrom(
            this.store.update(this.theme.code, {
              version: this.theme.version,
              labelEs: v.labelEs.trim(),
              labelEn: v.labelEn.trim(),
            }),
          )
        : await firstValueFrom(
            this.store.create({ labelEs: v.labelEs.trim(), labelEn: v.labelEn.trim() }),
          );
      this.ref.close(saved);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'VERSION_CONFLICT') {
        this.ref.close('conflict');
        return;
      }
      if (err.code === 'THEME_DUPLICATE') {
        const existing = (err.rawDetails as { existing?: Theme } | undefined)?.existing;
        this.messages.set([
          existing
            ? $localize`:@@themes.duplicate:Ya existe el tema «${themeLabel(existing, this.store.lang)}:name:»; usa ese en lugar de crear otra forma de escribirlo.`
            : err.message,
        ]);
        return;
      }
      const unmatched = applyApiErrors(this.form, err);
      this.messages.set(unmatched.length ? unmatched : [err.message]);
    } finally {
      this.busy.set(false);
    }
  }
}
