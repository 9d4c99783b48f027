import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import {
  CreateOrganisationRequest,
  Organisation,
  ORGANISATION_TYPES,
  OrganisationType,
} from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { ORGANISATION_TYPE_LABELS } from '../../core/i18n/labels';
import { applyApiErrors, controlErrorText, orNull, urlValidator } from '../../shared/forms';

/** What the dialog opens with: the name typed in an autocomplete, if any. */
export interface OrganisationDialogData {
  name?: string;
}

/** The request body from the form: blanks are left out, the country in capitals. */
export function organisationBody(v: {
  name: string;
  acronym: string;
  type: OrganisationType | null;
  country: string;
  iatiRef: string;
  website: string;
}): CreateOrganisationRequest {
  const body: CreateOrganisationRequest = {
    name: v.name.trim(),
    type: v.type as OrganisationType,
  };
  const acronym = orNull(v.acronym);
  const country = orNull(v.country)?.toUpperCase();
  const iatiRef = orNull(v.iatiRef);
  const website = orNull(v.website);
  if (acronym) body.acronym = acronym;
  if (country) body.country = country;
  if (iatiRef) body.iatiRef = iatiRef;
  if (website) body.website = website;
  return body;
}

/**
 * "Nuevo socio": creates an organisation and closes with it. When the API finds the same one
 * (same IATI reference, or the same name ignoring case and accents) it offers that one instead.
 */
@Component({
  selector: 'app-organisation-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation-dialog.html',
  styles: `
    .full-width {
      width: 100%;
    }
    .row {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .row > * {
      flex: 1 1 180px;
    }
    .duplicate {
      padding: 8px 12px;
      margin-bottom: 8px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class OrganisationDialog {
  private readonly api = inject(OrganisationsApi);
  private readonly ref = inject<MatDialogRef<OrganisationDialog, Organisation>>(MatDialogRef);
  private readonly data = inject<OrganisationDialogData | null>(MAT_DIALOG_DATA, {
    optional: true,
  });
  protected readonly types = ORGANISATION_TYPES;
  protected readonly typeLabels = ORGANISATION_TYPE_LABELS;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly existing = signal<Organisation | null>(null);

  readonly form = new FormGroup({
    name: new FormControl(this.data?.name?.trim() ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(300)],
    }),
    acronym: new FormControl('', { nonNullable: true, validators: Validators.maxLength(50) }),
    type: new FormControl<OrganisationType | null>(null, Validators.required),
    country: new FormControl('', {
      nonNullable: true,
      validators: Validators.pattern(/^[A-Za-z]{2}$/),
    }),
    iatiRef: new FormControl('', {
      nonNullable: true,
      validators: Validators.pattern(/^[A-Z]{2}-[A-Za-z0-9-]+$/),
    }),
    website: new FormControl('', { nonNullable: true, validators: urlValidator }),
  });

  protected errorText(name: string): string {
    return controlErrorText(this.form.get(name));
  }

  protected useExisting(organisation: Organisation): void {
    this.ref.close(organisation);
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.existing.set(null);
    try {
      const created = await firstValueFrom(
        this.api.create(organisationBody(this.form.getRawValue())),
      );
      this.ref.close(created);
    } catch (e) {
      const err = toApiError(e);
      const existing = (err.rawDetails as { existing?: Organisation } | undefined)?.existing;
      if (err.code === 'ORGANISATION_DUPLICATE' && existing) {
        this.existing.set(existing);
        return;
      }
      const unmatched = applyApiErrors(this.form, err);
      if (!err.details.length || unmatched.length) {
        this.error.set([err.message, ...unmatched].join(' '));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
