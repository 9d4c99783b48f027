import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { ActionDocument } from '../../../core/api/models';
import { urlValidator } from '../../../shared/forms';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a document link (https), optionally tied to a milestone or a result. */
@Component({
  selector: 'app-document-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.title">Título</mat-label>
          <input matInput formControlName="title" required data-testid="document-title" />
          <mat-error>{{ saving.errorText('title') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.url">Enlace (https)</mat-label>
          <input
            matInput
            type="url"
            formControlName="url"
            required
            placeholder="https://"
            data-testid="document-url"
          />
          <mat-error>{{ saving.errorText('url') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.milestone">Hito (opcional)</mat-label>
          <mat-select formControlName="milestoneId">
            <mat-option value="">—</mat-option>
            @for (m of options.milestones; track m.id) {
              <mat-option [value]="m.id">{{ m.title }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ saving.errorText('milestoneId') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.result">Resultado (opcional)</mat-label>
          <mat-select formControlName="resultId">
            <mat-option value="">—</mat-option>
            @for (r of options.results; track r.id) {
              <mat-option [value]="r.id">{{ r.statement }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ saving.errorText('resultId') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class DocumentDialog implements VersionedFormHost<ActionDocument> {
  protected readonly data = inject<PartDialogData<ActionDocument>>(MAT_DIALOG_DATA);
  protected readonly options = this.data.options ?? { milestones: [], results: [] };

  readonly form = new FormGroup({
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)],
    }),
    url: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, urlValidator, Validators.maxLength(1000)],
    }),
    milestoneId: new FormControl('', { nonNullable: true }),
    resultId: new FormControl('', { nonNullable: true }),
  });

  protected readonly saving = partForm<ActionDocument>(this, 'documents');
  protected readonly title = this.saving.editing
    ? $localize`:@@document.editTitle:Editar documento`
    : $localize`:@@document.addTitle:Añadir documento`;

  constructor() {
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(d: ActionDocument): void {
    this.form.setValue({
      title: d.title,
      url: d.url,
      milestoneId: d.milestoneId ?? '',
      resultId: d.resultId ?? '',
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      title: v.title.trim(),
      url: v.url.trim(),
      milestoneId: v.milestoneId || null,
      resultId: v.resultId || null,
    };
  }
}
