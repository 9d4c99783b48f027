import { ChangeDetectionStrategy, Component, inject, LOCALE_ID, signal } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { uploadErrorText } from '../../evidence/evidence-files';
import { EvidenceApi } from '../../evidence/evidence.api';
import { EvidencePicker } from '../../evidence/evidence-picker';
import { Milestone, MILESTONE_TYPES, MilestoneType } from '../../../core/api/models';
import { MILESTONE_TYPE_LABELS } from '../../../core/i18n/labels';
import { dateValidator, orNull, todayIso } from '../../../shared/forms';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a milestone; "Marcar como realizado" fills today's date as the actual date. */
@Component({
  selector: 'app-milestone-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule, EvidencePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './milestone-dialog.html',
  styles: PART_DIALOG_STYLES,
})
export class MilestoneDialog implements VersionedFormHost<Milestone> {
  protected readonly data = inject<PartDialogData<Milestone>>(MAT_DIALOG_DATA);
  protected readonly types = MILESTONE_TYPES;
  protected readonly typeLabels = MILESTONE_TYPE_LABELS;

  readonly form = new FormGroup({
    type: new FormControl<MilestoneType | null>(null, Validators.required),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)],
    }),
    plannedDate: new FormControl('', { nonNullable: true, validators: dateValidator }),
    actualDate: new FormControl('', { nonNullable: true, validators: dateValidator }),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(5000) }),
  });

  private readonly evidence = inject(EvidenceApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly locale = inject(LOCALE_ID);
  /** Evidence files to attach to the milestone once saved. */
  protected readonly files = signal<File[]>([]);

  protected readonly saving = partForm<Milestone>(this, 'milestones', {
    afterSave: (saved) => this.afterSave(saved),
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@milestone.editTitle:Editar hito`
    : $localize`:@@milestone.addTitle:Añadir hito`;

  constructor() {
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  /** Uploads the chosen files to the saved milestone; the milestone stays saved if that fails. */
  private async afterSave(saved: Milestone): Promise<void> {
    const files = this.files();
    if (!files.length) return;
    try {
      await firstValueFrom(
        this.evidence.upload({ actionId: this.data.actionId, milestoneId: saved.id }, files),
      );
    } catch (e) {
      this.snackBar.open(
        `${$localize`:@@milestone.evidenceFailed:El hito se guardó, pero la evidencia no:`} ${uploadErrorText(toApiError(e), this.locale)}`,
        undefined,
        { duration: 8000, politeness: 'assertive' },
      );
    }
  }

  protected markDone(): void {
    this.form.controls.actualDate.setValue(todayIso());
    this.form.controls.actualDate.markAsDirty();
  }

  fill(m: Milestone): void {
    this.form.setValue({
      type: m.type,
      title: m.title,
      plannedDate: m.plannedDate ?? '',
      actualDate: m.actualDate ?? '',
      notes: m.notes ?? '',
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      type: v.type,
      title: v.title.trim(),
      plannedDate: orNull(v.plannedDate),
      actualDate: orNull(v.actualDate),
      notes: orNull(v.notes),
    };
  }
}
