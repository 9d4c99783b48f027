import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { Participation, PARTICIPATION_ROLES, ParticipationRole } from '../../../core/api/models';
import { PARTICIPATION_ROLE_LABELS } from '../../../core/i18n/labels';
import { orNull } from '../../../shared/forms';
import { OrgAutocomplete, orgOf, orgValidator, OrgValue, toOrgOption } from './org-autocomplete';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a participation: organisation (autocomplete), its role, notes. */
@Component({
  selector: 'app-participation-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule, OrgAutocomplete],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <app-org-autocomplete
          [control]="form.controls.organisation"
          label="Organización"
          i18n-label="@@action.partner.organisation"
          [required]="true"
          [allowCreate]="true"
          testId="participation-organisation"
        />
        <mat-form-field class="full-width">
          <mat-label i18n="@@action.partner.role">Papel</mat-label>
          <mat-select formControlName="role" required data-testid="participation-role">
            @for (r of roles; track r) {
              <mat-option [value]="r">{{ roleLabels[r] }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ saving.errorText('role') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@action.partner.notes">Notas</mat-label>
          <textarea matInput formControlName="notes" rows="2"></textarea>
          <mat-error>{{ saving.errorText('notes') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class ParticipationDialog implements VersionedFormHost<Participation> {
  protected readonly data = inject<PartDialogData<Participation>>(MAT_DIALOG_DATA);
  private readonly aliases = { organisationId: 'organisation' };
  protected readonly roles = PARTICIPATION_ROLES;
  protected readonly roleLabels = PARTICIPATION_ROLE_LABELS;

  readonly form = new FormGroup({
    organisation: new FormControl<OrgValue>(null, [Validators.required, orgValidator]),
    role: new FormControl<ParticipationRole | null>(null, Validators.required),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
  });

  protected readonly saving = partForm<Participation>(this, 'participations', {
    aliases: this.aliases,
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@participation.editTitle:Editar socio`
    : $localize`:@@participation.addTitle:Añadir socio`;

  constructor() {
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(p: Participation): void {
    this.form.setValue({
      organisation: toOrgOption(p.organisationId, p.organisationName, p.organisationAcronym),
      role: p.role,
      notes: p.notes ?? '',
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      organisationId: orgOf(v.organisation)?.id,
      role: v.role,
      notes: orNull(v.notes),
    };
  }
}
