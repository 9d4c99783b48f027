import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActionDocument } from '../../../core/api/models';
import { urlValidator } from '../../../shared/forms';
import { PART_DIALOG_STYLES, PartDialog } from './part-dialog';

/** Adds or edits a document link (https), optionally tied to a milestone or a result. */
@Component({
  selector: 'app-document-dialog',
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
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>
        @if (editing) {
          <ng-container i18n="@@document.editTitle">Editar documento</ng-container>
        } @else {
          <ng-container i18n="@@document.addTitle">Añadir documento</ng-container>
        }
      </h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.title">Título</mat-label>
          <input matInput formControlName="title" required data-testid="document-title" />
          <mat-error>{{ errorText('title') }}</mat-error>
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
          <mat-error>{{ errorText('url') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.milestone">Hito (opcional)</mat-label>
          <mat-select formControlName="milestoneId">
            <mat-option value="">—</mat-option>
            @for (m of options.milestones; track m.id) {
              <mat-option [value]="m.id">{{ m.title }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText('milestoneId') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@document.result">Resultado (opcional)</mat-label>
          <mat-select formControlName="resultId">
            <mat-option value="">—</mat-option>
            @for (r of options.results; track r.id) {
              <mat-option [value]="r.id">{{ r.statement }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText('resultId') }}</mat-error>
        </mat-form-field>
        @if (error()) {
          <p class="server-error" role="alert" data-testid="dialog-error">{{ error() }}</p>
        }
      </mat-dialog-content>
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
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class DocumentDialog extends PartDialog<ActionDocument> {
  protected readonly kind = 'documents';
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

  constructor() {
    super();
    if (this.data.part) this.load(this.data.part);
  }

  protected fill(d: ActionDocument): void {
    this.form.setValue({
      title: d.title,
      url: d.url,
      milestoneId: d.milestoneId ?? '',
      resultId: d.resultId ?? '',
    });
  }

  protected body() {
    const v = this.form.getRawValue();
    return {
      title: v.title.trim(),
      url: v.url.trim(),
      milestoneId: v.milestoneId || null,
      resultId: v.resultId || null,
    };
  }
}
