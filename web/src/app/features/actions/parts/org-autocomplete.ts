import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidatorFn } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import type { Organisation } from '../../../core/api/models';
import { OrganisationsApi } from '../../../core/api/organisations.api';
import { controlErrorText } from '../../../shared/forms';
import { OrganisationDialog } from '../../partners/organisation-dialog';

/** The id of the "Crear «…»…" option (never a real organisation id). */
export const CREATE_OPTION_ID = '__create__';

/** An organisation picked from the list: what the form keeps. */
export interface OrgOption {
  id: string;
  name: string;
  acronym: string | null;
}

/** The control's value: the text being typed, or the organisation picked. */
export type OrgValue = string | OrgOption | null;

export function orgOf(value: OrgValue): OrgOption | null {
  return value && typeof value === 'object' ? value : null;
}

export function orgLabel(value: OrgValue): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value.acronym ? `${value.acronym} · ${value.name}` : value.name;
}

/** Typed text that was not turned into a pick is an error; empty is left to `required`. */
export const orgValidator: ValidatorFn = (control: AbstractControl) => {
  const v = control.value as OrgValue;
  return typeof v === 'string' && v.trim() !== '' ? { organisation: true } : null;
};

export function toOrgOption(
  id: string | null,
  name: string | null,
  acronym: string | null = null,
): OrgOption | null {
  return id ? { id, name: name ?? id, acronym } : null;
}

/** Organisation picker: type a few letters, pick from GET /organisations?q=…&pageSize=20. */
@Component({
  selector: 'app-org-autocomplete',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatAutocompleteModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        [required]="required()"
        [attr.data-testid]="testId()"
      />
      <mat-autocomplete
        #auto="matAutocomplete"
        [displayWith]="display"
        autoActiveFirstOption
        (optionSelected)="picked($event)"
      >
        @for (o of results().items; track o.id) {
          <mat-option [value]="o">{{ display(o) }}</mat-option>
        }
        @if (results().q && !results().items.length) {
          <mat-option disabled class="no-results" data-testid="org-no-results">
            <ng-container i18n="@@org.noResults"
              >Ninguna organización coincide con «{{ results().q }}».</ng-container
            >
          </mat-option>
        }
        @if (allowCreate() && results().q) {
          <mat-option [value]="createOption(results().q)" data-testid="org-create">
            <ng-container i18n="@@org.create">Crear «{{ results().q }}»…</ng-container>
          </mat-option>
        }
      </mat-autocomplete>
      <mat-error>{{ errorText() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
  `,
})
export class OrgAutocomplete {
  private readonly organisations = inject(OrganisationsApi);
  private readonly dialog = inject(MatDialog);
  readonly control = input.required<FormControl<OrgValue>>();
  readonly label = input.required<string>();
  readonly required = input(false);
  readonly testId = input<string | null>(null);
  /** Offer "Crear «…»…": a new organisation from the typed name, picked once created. */
  readonly allowCreate = input(false);
  /** Only organisations of this type (e.g. `subnational_government` for an action's institute). */
  readonly type = input<string | undefined>(undefined);

  protected readonly display = orgLabel;
  /** The text searched and what matched it (GET /organisations?q=…&pageSize=20). */
  protected readonly results = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) => control.valueChanges.pipe(startWith(control.value))),
      map((v) => (typeof v === 'string' ? v.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        this.organisations.list({ q: q || undefined, type: this.type(), pageSize: 20 }).pipe(
          map((page) => ({
            q,
            items: page.items.map(
              (o: Organisation): OrgOption => ({ id: o.id, name: o.name, acronym: o.acronym }),
            ),
          })),
          catchError(() => of({ q, items: [] as OrgOption[] })),
        ),
      ),
    ),
    { initialValue: { q: '', items: [] as OrgOption[] } },
  );

  protected createOption(name: string): OrgOption {
    return { id: CREATE_OPTION_ID, name, acronym: null };
  }

  protected picked(event: MatAutocompleteSelectedEvent): void {
    const option = event.option.value as OrgOption;
    if (option.id !== CREATE_OPTION_ID) return;
    const control = this.control();
    control.setValue(option.name);
    this.dialog
      .open(OrganisationDialog, { data: { name: option.name }, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((org?: Organisation) => {
        if (!org) return;
        control.setValue({ id: org.id, name: org.name, acronym: org.acronym });
        control.markAsDirty();
      });
  }

  protected errorText(): string {
    return controlErrorText(this.control());
  }
}
