import { ChangeDetectionStrategy, Component, HostListener, inject, signal } from '@angular/core';
import {
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { fieldErrors, toApiError } from '../../core/api/api-error';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionKind,
  ActionStatus,
  CreateActionRequest,
  INSTITUTE_ROLES,
  InstituteRole,
  Modality,
  MODALITIES,
  Scheme,
  SCHEMES,
} from '../../core/api/models';
import {
  INSTITUTE_ROLE_LABELS,
  KIND_LABELS,
  MODALITY_LABELS,
  SCHEME_LABELS,
  STATUS_LABELS,
} from '../../core/i18n/labels';
import { ActionsApi } from './actions.api';
import { HasUnsavedChanges } from './unsaved-changes.guard';

/** Splits "a, b; c" into ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** SDG numbers 1–17 from "11, 13"; anything else makes it invalid (null). */
export function parseSdgs(text: string): number[] | null {
  const parts = splitList(text);
  if (!parts.every((p) => /^\d{1,2}$/.test(p) && Number(p) >= 1 && Number(p) <= 17)) return null;
  return [...new Set(parts.map(Number))];
}

const sdgValidator = (control: { value: string }) =>
  parseSdgs(control.value) ? null : { sdgs: true };

@Component({
  selector: 'app-action-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-form.html',
  styles: `
    form {
      max-width: 960px;
    }
    .actions {
      display: flex;
      gap: 8px;
      justify-content: flex-end;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ActionForm implements HasUnsavedChanges {
  private readonly api = inject(ActionsApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly kinds = ACTION_KINDS;
  protected readonly statuses = ACTION_STATUSES;
  protected readonly roles = INSTITUTE_ROLES;
  protected readonly schemes = SCHEMES;
  protected readonly modalities = MODALITIES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly roleLabels = INSTITUTE_ROLE_LABELS;
  protected readonly schemeLabels = SCHEME_LABELS;
  protected readonly modalityLabels = MODALITY_LABELS;

  protected readonly form = this.fb.group({
    code: [
      '',
      [
        Validators.required,
        Validators.maxLength(40),
        Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
      ],
    ],
    kind: this.fb.control<ActionKind | ''>('', Validators.required),
    titleEs: ['', [Validators.required, Validators.maxLength(300)]],
    titleEn: ['', Validators.maxLength(300)],
    instituteRole: this.fb.control<InstituteRole | ''>('', Validators.required),
    status: this.fb.control<ActionStatus | ''>(''),
    scheme: this.fb.control<Scheme | ''>(''),
    modality: this.fb.control<Modality | ''>(''),
    summaryEs: ['', Validators.maxLength(5000)],
    objectives: ['', Validators.maxLength(5000)],
    themes: [''],
    municipalities: [''],
    sdgs: new FormControl('', { nonNullable: true, validators: sdgValidator }),
    plannedStart: [''],
    plannedEnd: [''],
    actualStart: [''],
    actualEnd: [''],
    parentProgramme: ['', Validators.maxLength(300)],
    unit: ['', Validators.maxLength(200)],
    notes: ['', Validators.maxLength(5000)],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private saved = false;

  /** The message under a field: the API's when it sent one, else the local rule's. */
  protected errorText(name: keyof typeof this.form.controls): string {
    const errors = this.form.controls[name].errors;
    if (!errors) return '';
    if (typeof errors['server'] === 'string') return errors['server'];
    if (errors['required']) return $localize`:@@form.required:Campo obligatorio.`;
    if (errors['maxlength']) {
      return $localize`:@@form.maxLength:Máximo ${(errors['maxlength'] as { requiredLength: number }).requiredLength}:max: caracteres.`;
    }
    if (errors['pattern'])
      return $localize`:@@form.codePattern:Solo letras, números, punto, guion y guion bajo.`;
    if (errors['sdgs']) return $localize`:@@form.sdgs:Números del 1 al 17 separados por comas.`;
    return $localize`:@@form.invalid:Valor no válido.`;
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty && !this.saved;
  }

  @HostListener('window:beforeunload', ['$event'])
  protected beforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsavedChanges()) event.preventDefault();
  }

  /** The request body: empty optional fields are left out, lists split. */
  protected body(): CreateActionRequest {
    const v = this.form.getRawValue();
    const body: CreateActionRequest = {
      code: v.code.trim(),
      kind: v.kind as ActionKind,
      titleEs: v.titleEs.trim(),
      instituteRole: v.instituteRole as InstituteRole,
    };
    const optional = {
      titleEn: v.titleEn.trim(),
      summaryEs: v.summaryEs.trim(),
      status: v.status,
      scheme: v.scheme,
      modality: v.modality,
      plannedStart: v.plannedStart,
      plannedEnd: v.plannedEnd,
      actualStart: v.actualStart,
      actualEnd: v.actualEnd,
      parentProgramme: v.parentProgramme.trim(),
      unit: v.unit.trim(),
      objectives: v.objectives.trim(),
      notes: v.notes.trim(),
    };
    for (const [key, value] of Object.entries(optional)) {
      if (value) (body as unknown as Record<string, unknown>)[key] = value;
    }
    const themes = splitList(v.themes);
    const municipalities = splitList(v.municipalities);
    const sdgs = parseSdgs(v.sdgs) ?? [];
    if (themes.length) body.themes = themes;
    if (municipalities.length) body.municipalities = municipalities;
    if (sdgs.length) body.sdgs = sdgs;
    return body;
  }

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await firstValueFrom(this.api.create(this.body()));
      this.saved = true;
      await this.router.navigate(['/acciones', created.id]);
    } catch (e) {
      const err = toApiError(e);
      const byField = fieldErrors(err);
      for (const [field, message] of Object.entries(byField)) {
        const control = this.form.get(field);
        control?.setErrors({ server: message });
        control?.markAsTouched();
      }
      if (err.code === 'ACTION_CODE_TAKEN' || err.code === 'CONFLICT') {
        this.form.controls.code.setErrors({ server: err.message });
      }
      this.error.set(err.message);
    } finally {
      this.busy.set(false);
    }
  }
}
