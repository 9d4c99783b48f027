import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
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
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Opening data: the stage to record when adding from its row. */
export type StageDialogData = PartDialogData<ActionStage> & { stage?: ProgressStage };

/** Records (or edits) a progress stage reached: date, evidence link and note. */
@Component({
  selector: 'app-stage-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './stage-dialog.html',
  styles: PART_DIALOG_STYLES,
})
export class StageDialog implements VersionedFormHost<ActionStage> {
  protected readonly data = inject<StageDialogData>(MAT_DIALOG_DATA);
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

  protected readonly saving = partForm<ActionStage>(this, 'stages');
  protected readonly title = this.saving.editing
    ? $localize`:@@stage.editTitle:Editar etapa de avance`
    : $localize`:@@stage.addTitle:Registrar etapa de avance`;

  constructor() {
    const preset = this.data.stage;
    if (this.data.part) this.saving.load(this.data.part);
    else if (preset) this.form.controls.stage.setValue(preset);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(s: ActionStage): void {
    this.form.setValue({
      stage: s.stage,
      reachedOn: s.reachedOn,
      evidenceUrl: s.evidenceUrl ?? '',
      evidenceDate: s.evidenceDate ?? '',
      notes: s.notes ?? '',
    });
  }

  body() {
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
