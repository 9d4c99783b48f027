import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import type { Observable } from 'rxjs';
import type { AgendaItem } from '../../core/api/models';
import { ActionsApi } from '../actions/actions.api';
import { filtersFromParams } from '../../shared/filter-bar/action-filters';
import { FORM_DIALOG_IMPORTS } from '../../shared/dialog-actions';
import type { VersionedFormHost } from '../../shared/versioned-form';
import { BoardApi } from './board.api';
import { BOARD_DIALOG_STYLES, BoardDialogData, boardForm } from './board-form';

/** An action linked to an agenda item, as the dialog shows it. */
export interface LinkedAction {
  id: string;
  code: string;
  title: string;
}

export type AgendaItemDialogData = BoardDialogData<AgendaItem> & {
  sessionId: string;
  position: number;
  /** Code and title of the actions already linked (by id). */
  linked: LinkedAction[];
};

/** Adds or edits an agenda item: its position, title and the tracked actions it is about. */
@Component({
  selector: 'app-agenda-item-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatChipsModule, MatIconModule, MatAutocompleteModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <div class="row">
          <mat-form-field class="position">
            <mat-label i18n="@@agenda.position">Número de punto</mat-label>
            <input matInput type="number" min="1" formControlName="position" required />
            <mat-error>{{ saving.errorText('position') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@agenda.title">Asunto</mat-label>
          <textarea
            matInput
            formControlName="title"
            rows="2"
            required
            data-testid="agenda-title"
          ></textarea>
          <mat-error>{{ saving.errorText('title') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@agenda.actions">Acciones vinculadas</mat-label>
          <mat-chip-grid #grid>
            @for (a of actions(); track a.id) {
              <mat-chip-row (removed)="unlink(a)" [attr.data-testid]="'linked-' + a.code">
                {{ a.code }}
                <button matChipRemove type="button" [attr.aria-label]="unlinkLabel(a)">
                  <mat-icon aria-hidden="true">cancel</mat-icon>
                </button>
              </mat-chip-row>
            }
          </mat-chip-grid>
          <input
            [formControl]="search"
            [matChipInputFor]="grid"
            [matAutocomplete]="auto"
            data-testid="agenda-action-search"
          />
          <mat-autocomplete #auto="matAutocomplete" (optionSelected)="link($event)">
            @for (o of options(); track o.id) {
              <mat-option [value]="o">{{ o.code }} · {{ o.title }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint i18n="@@agenda.actionsHint"
            >Escribe la clave o el título de una acción.</mat-hint
          >
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: [
    BOARD_DIALOG_STYLES,
    `
      .position {
        flex: 0 1 160px;
      }
    `,
  ],
})
export class AgendaItemDialog implements VersionedFormHost<AgendaItem> {
  protected readonly data = inject<AgendaItemDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(BoardApi);
  private readonly actionsApi = inject(ActionsApi);

  readonly form = new FormGroup({
    position: new FormControl<number | null>(this.data.position, [
      Validators.required,
      Validators.min(1),
      Validators.max(1000),
    ]),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2000)],
    }),
    actionIds: new FormControl<string[]>([], { nonNullable: true }),
  });
  protected readonly search = new FormControl<string | LinkedAction>('', { nonNullable: true });
  protected readonly actions = signal<LinkedAction[]>([]);
  protected readonly options = toSignal(
    this.search.valueChanges.pipe(
      startWith(''),
      map((v) => (typeof v === 'string' ? v.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([] as LinkedAction[])
          : this.actionsApi.list({ ...filtersFromParams({}), q, pageSize: 10 }).pipe(
              map((page) => page.items.map((a) => ({ id: a.id, code: a.code, title: a.titleEs }))),
              catchError(() => of([] as LinkedAction[])),
            ),
      ),
    ),
    { initialValue: [] as LinkedAction[] },
  );

  protected readonly saving = boardForm<AgendaItem>(this, this.data.item, {
    create: (body) => this.create(body),
    update: (id, body) => this.update(id, body),
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@agenda.editTitle:Editar punto del orden del día`
    : $localize`:@@agenda.addTitle:Añadir punto al orden del día`;

  submit(): Promise<void> {
    return this.saving.submit();
  }

  constructor() {
    if (this.data.item) this.saving.load(this.data.item);
  }

  protected unlinkLabel(a: LinkedAction): string {
    const code = a.code;
    return $localize`:@@agenda.unlink:Quitar ${code}:code:`;
  }

  protected link(event: MatAutocompleteSelectedEvent): void {
    const action = event.option.value as LinkedAction;
    if (!this.actions().some((a) => a.id === action.id))
      this.setActions([...this.actions(), action]);
    this.search.setValue('');
  }

  protected unlink(action: LinkedAction): void {
    this.setActions(this.actions().filter((a) => a.id !== action.id));
  }

  private setActions(actions: LinkedAction[]): void {
    this.actions.set(actions);
    this.form.controls.actionIds.setValue(actions.map((a) => a.id));
    this.form.markAsDirty();
  }

  fill(item: AgendaItem): void {
    const known = new Map(this.data.linked.map((a) => [a.id, a]));
    this.actions.set(
      item.actionIds.map((id) => known.get(id) ?? { id, code: id.slice(0, 8), title: '' }),
    );
    this.form.setValue({ position: item.position, title: item.title, actionIds: item.actionIds });
  }

  body() {
    const v = this.form.getRawValue();
    return { position: Number(v.position), title: v.title.trim(), actionIds: v.actionIds };
  }

  private create(body: object): Observable<AgendaItem> {
    return this.api.addAgendaItem(this.data.sessionId, body as never);
  }

  private update(id: string, body: Record<string, unknown>): Observable<AgendaItem> {
    return this.api.updateAgendaItem(this.data.sessionId, id, body as never);
  }
}
