import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  LOCALE_ID,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  firstValueFrom,
  map,
  of,
  switchMap,
} from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import {
  MILESTONE_TYPES,
  type ActionSummary,
  type Milestone,
  type MilestoneType,
} from '../../core/api/models';
import { MILESTONE_TYPE_LABELS } from '../../core/i18n/labels';
import {
  applyApiErrors,
  controlErrorText,
  dateValidator,
  orNull,
  todayIso,
} from '../../shared/forms';
import { DEFAULT_FILTERS } from '../../shared/filter-bar/action-filters';
import { ActionsApi } from '../actions/actions.api';
import { uploadErrorText } from './evidence-files';
import { EvidenceApi } from './evidence.api';
import { EvidencePicker } from './evidence-picker';
import { MilestoneLogged } from './milestone-logged';

/** The action to preselect (the page the dialog was opened from). */
export interface LogMilestoneData {
  action?: Pick<ActionSummary, 'id' | 'code' | 'titleEs'> | null;
}

type ActionOption = Pick<ActionSummary, 'id' | 'code' | 'titleEs'>;

const chosenAction = (control: AbstractControl): ValidationErrors | null =>
  control.value && typeof control.value === 'object' ? null : { actionRequired: true };

/** The milestone body: a date up to today is when it happened; a later one is when it is planned. */
export function milestoneBody(
  v: {
    type: MilestoneType | null;
    title: string;
    date: string;
    notes: string;
  },
  today = todayIso(),
) {
  const future = v.date > today;
  return {
    type: v.type,
    title: v.title.trim(),
    actualDate: future ? null : v.date,
    plannedDate: future ? v.date : null,
    notes: orNull(v.notes),
  };
}

/**
 * "Registrar hito" from anywhere (toolbar button or Alt+Shift+H): action (search), type, date
 * (today), title, evidence files and notes. Enter in the notes or Ctrl+Enter anywhere saves; then
 * it offers a link to the action. Fully keyboard operable.
 */
@Component({
  selector: 'app-log-milestone-dialog',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatDialogModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    EvidencePicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './log-milestone-dialog.html',
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
    .notes {
      margin-top: 12px;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class LogMilestoneDialog {
  private readonly actionsApi = inject(ActionsApi);
  private readonly evidenceApi = inject(EvidenceApi);
  private readonly logged = inject(MilestoneLogged);
  private readonly locale = inject(LOCALE_ID);
  private readonly data = inject<LogMilestoneData | null>(MAT_DIALOG_DATA, { optional: true });
  protected readonly ref = inject(MatDialogRef<LogMilestoneDialog>);
  private readonly injector = inject(Injector);
  private readonly openAction = viewChild('openAction', { read: ElementRef });
  private readonly actionInput = viewChild('actionInput', { read: ElementRef });

  protected readonly types = MILESTONE_TYPES;
  protected readonly typeLabels = MILESTONE_TYPE_LABELS;
  protected readonly options = signal<ActionOption[]>([]);
  protected readonly files = signal<File[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal<{
    action: ActionOption;
    milestone: Milestone;
    files: number;
    uploadError: string | null;
  } | null>(null);

  readonly form = new FormGroup({
    action: new FormControl<ActionOption | string | null>(this.data?.action ?? null, chosenAction),
    type: new FormControl<MilestoneType | null>(null, Validators.required),
    date: new FormControl(todayIso(), {
      nonNullable: true,
      validators: [Validators.required, dateValidator],
    }),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)],
    }),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(5000) }),
  });

  protected readonly display = (o: ActionOption | string | null): string =>
    !o ? '' : typeof o === 'string' ? o : `${o.code} — ${o.titleEs}`;

  constructor() {
    this.form.controls.action.valueChanges
      .pipe(
        map((v) => (typeof v === 'string' ? v.trim() : null)),
        debounceTime(150),
        distinctUntilChanged(),
        switchMap((q) =>
          q === null
            ? of(null)
            : this.actionsApi.list({ ...DEFAULT_FILTERS, q, pageSize: 8 }).pipe(
                map((page) => page.items),
                catchError(() => of([] as ActionSummary[])),
              ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((items) => {
        if (items) this.options.set(items);
      });
    // Suggestions before typing: the most recently changed actions.
    if (!this.data?.action)
      this.actionsApi.list({ ...DEFAULT_FILTERS, pageSize: 8 }).subscribe({
        next: (page) => this.options.set(page.items),
        error: () => undefined,
      });
  }

  protected actionError(): string {
    const c = this.form.controls.action;
    return c.hasError('actionRequired')
      ? $localize`:@@logMilestone.actionRequired:Elige una acción de la lista.`
      : controlErrorText(c);
  }

  protected errorText(name: string): string {
    return controlErrorText(this.form.get(name));
  }

  protected onNotesEnter(event: Event): void {
    const e = event as KeyboardEvent;
    if (e.shiftKey || e.isComposing || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void this.submit();
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const action = v.action as ActionOption;
    this.busy.set(true);
    this.error.set(null);
    let milestone: Milestone;
    try {
      milestone = await firstValueFrom(
        this.actionsApi.addPart<Milestone>(action.id, 'milestones', milestoneBody(v)),
      );
    } catch (e) {
      const err = toApiError(e);
      const unmatched = applyApiErrors(this.form, err, { actualDate: 'date', plannedDate: 'date' });
      if (!err.details.length || unmatched.length)
        this.error.set([err.message, ...unmatched].join(' '));
      this.busy.set(false);
      return;
    }
    const files = this.files();
    let uploadError: string | null = null;
    let stored = 0;
    if (files.length) {
      try {
        const res = await firstValueFrom(
          this.evidenceApi.upload({ actionId: action.id, milestoneId: milestone.id }, files),
        );
        stored = res.items.length;
      } catch (e) {
        uploadError = uploadErrorText(toApiError(e), this.locale);
      }
    }
    this.busy.set(false);
    this.logged.notify(action.id);
    this.saved.set({ action, milestone, files: stored, uploadError });
    // The form is gone: keyboard focus moves to "Abrir la acción".
    this.focusAfterRender(() => this.openAction());
  }

  private focusAfterRender(target: () => ElementRef | undefined): void {
    afterNextRender(() => (target()?.nativeElement as HTMLElement | undefined)?.focus(), {
      injector: this.injector,
    });
  }

  protected again(): void {
    const action = this.saved()?.action ?? null;
    this.saved.set(null);
    this.files.set([]);
    this.form.reset({ action, type: null, date: todayIso(), title: '', notes: '' });
    this.focusAfterRender(() => this.actionInput());
  }
}
