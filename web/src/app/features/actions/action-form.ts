import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  HostListener,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
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
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, firstValueFrom, of } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionDetail, AssignableUser } from '../../core/api/models';
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
import {
  applyApiErrors,
  controlErrorText,
  dateValidator,
  notBeforeValidator,
  revalidateOnChange,
} from '../../shared/forms';
import { ErrorState, LoadingState } from '../../shared/states';
import {
  ActionFormValue,
  changedByUser,
  type ConflictNames,
  ConflictRow,
  conflictRows,
  parseSdgs,
  patchBody,
  splitList,
  toFormValue,
} from './action-edit.model';
import { ActionsApi } from './actions.api';
import { AuthStore } from '../../core/auth/auth.store';
import {
  OrgAutocomplete,
  orgOf,
  OrgValue,
  orgValidator,
  toOrgOption,
} from './parts/org-autocomplete';

export { parseSdgs, splitList } from './action-edit.model';
import { HasUnsavedChanges } from './unsaved-changes.guard';
import { ThemePicker } from '../../shared/themes/theme-picker';
import { ThemesStore } from '../../shared/themes/themes.store';

const sdgValidator = (control: { value: string }) =>
  parseSdgs(control.value) ? null : { sdgs: true };

interface Conflict {
  current: ActionDetail;
  rows: ConflictRow[];
}

@Component({
  selector: 'app-action-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    LoadingState,
    ErrorState,
    OrgAutocomplete,
    ThemePicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-form.html',
  styleUrl: './action-form.scss',
})
export class ActionForm implements HasUnsavedChanges {
  private readonly api = inject(ActionsApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly auth = inject(AuthStore);

  /** Route parameter in edit mode (`acciones/:id/editar`); absent when creating. */
  readonly id = input<string>();
  protected readonly editing = computed(() => !!this.id());

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
        Validators.maxLength(60),
        Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
      ],
    ],
    kind: this.fb.control<ActionKind | ''>('', Validators.required),
    titleEs: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
    titleEn: ['', Validators.maxLength(500)],
    instituteRole: this.fb.control<InstituteRole | ''>('', Validators.required),
    status: this.fb.control<ActionStatus | ''>(''),
    scheme: this.fb.control<Scheme | ''>(''),
    modality: this.fb.control<Modality | ''>(''),
    summaryEs: ['', Validators.maxLength(10000)],
    objectives: ['', Validators.maxLength(10000)],
    themes: [''],
    municipalities: [''],
    sdgs: new FormControl('', { nonNullable: true, validators: sdgValidator }),
    plannedStart: ['', dateValidator],
    plannedEnd: ['', [dateValidator, notBeforeValidator('plannedStart')]],
    actualStart: ['', dateValidator],
    actualEnd: ['', [dateValidator, notBeforeValidator('actualStart')]],
    parentProgramme: ['', Validators.maxLength(300)],
    unit: ['', Validators.maxLength(300)],
    responsibleId: [''],
    notes: ['', Validators.maxLength(10000)],
  });
  /**
   * New actions: the institute running it (organisations of type subnational_government), by
   * default the signed-in user's organisation; empty when the user has none.
   */
  protected readonly institute = new FormControl<OrgValue>(this.defaultInstitute(), {
    validators: orgValidator,
  });
  protected readonly instituteLabel = $localize`:@@action.field.institute:Instituto (quien ejecuta la acción)`;
  /** Who can be made responsible (loaded once; empty if the list cannot be read). */
  protected readonly people = toSignal(this.api.assignable().pipe(catchError(() => of([]))), {
    initialValue: [] as AssignableUser[],
  });
  private readonly themes = inject(ThemesStore);
  /** How the conflict panel names themes and the responsible person (never by code or id). */
  private readonly names: ConflictNames = {
    theme: (code) => this.themes.label(code),
    person: (id) => this.people().find((u) => u.id === id)?.name ?? id,
  };
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Edit mode: loading the action, or the failure to load it. */
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  /** Set on 409 VERSION_CONFLICT: the saved action and the fields that differ. */
  protected readonly conflict = signal<Conflict | null>(null);
  /** Edit mode: what the user started from and its version. */
  private base: ActionFormValue | null = null;
  private version = 0;
  private saved = false;

  constructor() {
    revalidateOnChange(this.form.controls.plannedStart, this.form.controls.plannedEnd);
    revalidateOnChange(this.form.controls.actualStart, this.form.controls.actualEnd);
    effect(() => {
      const id = this.id();
      if (id) untracked(() => this.load(id));
    });
  }

  private defaultInstitute(): OrgValue {
    const user = this.auth.user();
    return toOrgOption(user?.organisationId ?? null, user?.organisationName ?? null);
  }

  load(id = this.id()): void {
    if (!id) return;
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(id).subscribe({
      next: (action) => {
        this.startFrom(action);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.loadError.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  /** Fills the form with the saved action and remembers it as the starting point. */
  private startFrom(action: ActionDetail): void {
    this.base = toFormValue(action);
    this.version = action.version;
    this.form.reset(this.base as never);
    this.conflict.set(null);
    this.error.set(null);
  }

  /** The message under a field: the API's when it sent one, else the local rule's. */
  protected errorText(name: keyof typeof this.form.controls): string {
    const control = this.form.controls[name];
    const errors = control.errors;
    if (!errors) return '';
    if (typeof errors['server'] !== 'string') {
      if (errors['pattern'])
        return $localize`:@@form.codePattern:Solo letras, números, punto, guion y guion bajo.`;
      if (errors['sdgs']) return $localize`:@@form.sdgs:Números del 1 al 17 separados por comas.`;
    }
    return controlErrorText(control);
  }

  hasUnsavedChanges(): boolean {
    return (this.form.dirty || this.institute.dirty) && !this.saved;
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
      responsibleId: v.responsibleId,
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
    const institute = orgOf(this.institute.value);
    if (!this.editing() && institute) body.instituteId = institute.id;
    return body;
  }

  private value(): ActionFormValue {
    return this.form.getRawValue();
  }

  async submit(): Promise<void> {
    if (this.busy() || this.conflict()) return;
    const id = this.id();
    if (this.form.invalid || (!id && this.institute.invalid)) {
      this.form.markAllAsTouched();
      this.institute.markAsTouched();
      return;
    }
    if (!id) {
      await this.send(() => firstValueFrom(this.api.create(this.body())), { nueva: 1 });
      return;
    }
    if (!this.base) return;
    const fields = changedByUser(this.base, this.value());
    if (!fields.length) {
      this.saved = true;
      await this.router.navigate(['/acciones', id]);
      return;
    }
    await this.send(() =>
      firstValueFrom(
        this.api.update(id, { version: this.version, ...patchBody(this.value(), fields) }),
      ),
    );
  }

  /** Saves, then opens the action (`queryParams`: `nueva=1` after creating shows "Qué falta"). */
  private async send(
    request: () => Promise<ActionDetail>,
    queryParams?: Record<string, number>,
  ): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const action = await request();
      this.saved = true;
      if (queryParams) await this.router.navigate(['/acciones', action.id], { queryParams });
      else await this.router.navigate(['/acciones', action.id]);
    } catch (e) {
      this.handleError(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private handleError(err: ApiError): void {
    const current = (err.rawDetails as { current?: ActionDetail } | undefined)?.current;
    if (err.code === 'VERSION_CONFLICT' && current && this.base) {
      this.conflict.set({
        current,
        rows: conflictRows(this.base, this.value(), toFormValue(current), this.names),
      });
      return;
    }
    applyApiErrors(this.form, err);
    if (err.code === 'ACTION_CODE_TAKEN' || err.code === 'CONFLICT') {
      this.form.controls.code.setErrors({ server: err.message });
      this.form.controls.code.markAsTouched();
    }
    this.error.set(err.message);
  }

  /** Keeps the user's changed fields on top of the saved action and sends them with its version. */
  async reapply(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict || !this.base) return;
    const mine = this.value();
    const myFields = changedByUser(this.base, mine);
    const current = toFormValue(conflict.current);
    const merged: ActionFormValue = { ...current };
    for (const f of myFields) merged[f] = mine[f];
    this.base = current;
    this.version = conflict.current.version;
    this.form.setValue(merged as never);
    this.form.markAsDirty();
    this.conflict.set(null);
    await this.submit();
  }

  /** Drops the user's edit and shows the saved action. */
  discard(): void {
    const conflict = this.conflict();
    if (conflict) this.startFrom(conflict.current);
  }
}
