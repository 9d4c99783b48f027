import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActionStage, PROGRESS_STAGES, ProgressStage } from '../../../core/api/models';
import { STAGE_LABELS } from '../../../core/i18n/progress-labels';
import {
  dateValidator,
  notInFutureValidator,
  orNull,
  todayIso,
  urlValidator,
} from '../../../shared/forms';
import { PART_DIALOG_STYLES, PartDialog, PartDialogData } from './part-dialog';

/** Opening data: the stage to record when adding from its row. */
export type StageDialogData = PartDialogData<ActionStage> & { stage?: ProgressStage };

/** Records (or edits) a progress stage reached: date, evidence link and note. */
@Component({
  selector: 'app-stage-dialog',
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
          <ng-container i18n="@@stage.editTitle">Editar etapa de avance</ng-container>
        } @else {
          <ng-container i18n="@@stage.addTitle">Registrar etapa de avance</ng-container>
        }
      </h2>
      <mat-dialog-content>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@stage.stage">Etapa</mat-label>
            <mat-select formControlName="stage" required data-testid="stage-stage">
              @for (s of stages; track s) {
                <mat-option [value]="s">{{ stageLabels[s] }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorText('stage') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@stage.reachedOn">Fecha en que se alcanzó</mat-label>
            <input
              matInput
              type="date"
              formControlName="reachedOn"
              [max]="today"
              required
              data-testid="stage-reached-on"
            />
            <mat-error>{{ errorText('reachedOn') }}</mat-error>
          </mat-form-field>
        </div>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@stage.evidenceUrl">Enlace a la evidencia</mat-label>
            <input matInput type="url" formControlName="evidenceUrl" data-testid="stage-evidence" />
            <mat-hint i18n="@@stage.evidenceHint">Acta, oficio o informe (https://…).</mat-hint>
            <mat-error>{{ errorText('evidenceUrl') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@stage.evidenceDate">Fecha de la evidencia</mat-label>
            <input
              matInput
              type="date"
              formControlName="evidenceDate"
              [max]="today"
              data-testid="stage-evidence-date"
            />
            <mat-error>{{ errorText('evidenceDate') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@stage.notes">Nota de evidencia</mat-label>
          <textarea matInput formControlName="notes" rows="3" data-testid="stage-notes"></textarea>
          <mat-hint i18n="@@parts.ctrlEnter">Ctrl+Intro guarda.</mat-hint>
          <mat-error>{{ errorText('notes') }}</mat-error>
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
export class StageDialog extends PartDialog<ActionStage> {
  protected readonly kind = 'stages';
  protected readonly stages = PROGRESS_STAGES;
  protected readonly stageLabels = STAGE_LABELS;

  protected readonly today = todayIso();

  readonly form = new FormGroup({
    stage: new FormControl<ProgressStage | null>(null, Validators.required),
    reachedOn: new FormControl(todayIso(), {
      nonNullable: true,
      validators: [Validators.required, dateValidator, notInFutureValidator],
    }),
    evidenceUrl: new FormControl('', {
      nonNullable: true,
      validators: [urlValidator, Validators.maxLength(1000)],
    }),
    evidenceDate: new FormControl('', {
      nonNullable: true,
      validators: [dateValidator, notInFutureValidator],
    }),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(4000) }),
  });

  constructor() {
    super();
    const preset = (this.data as StageDialogData).stage;
    if (this.data.part) this.load(this.data.part);
    else if (preset) this.form.controls.stage.setValue(preset);
  }

  protected fill(s: ActionStage): void {
    this.form.setValue({
      stage: s.stage,
      reachedOn: s.reachedOn,
      evidenceUrl: s.evidenceUrl ?? '',
      evidenceDate: s.evidenceDate ?? '',
      notes: s.notes ?? '',
    });
  }

  protected body() {
    const v = this.form.getRawValue();
    return {
      stage: v.stage,
      reachedOn: v.reachedOn,
      evidenceUrl: orNull(v.evidenceUrl),
      evidenceDate: orNull(v.evidenceDate),
      notes: orNull(v.notes),
    };
  }
}
