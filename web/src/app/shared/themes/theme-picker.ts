import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { startWith, switchMap } from 'rxjs';
import { filterThemes, Theme, themeLabel } from './themes.model';
import { ThemesStore } from './themes.store';

/** "a, b" → ['a', 'b'] (how the action form keeps its theme codes). */
const codesOf = (value: string) =>
  value
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Picks an action's themes from the managed list: chips with the labels, an autocomplete that
 * matches either language ignoring accents and case. Typing "cambio climatico" and Enter picks
 * Cambio climático; text that names no theme is not added (admins add themes in Administración ›
 * Temas, so the list keeps one spelling per theme). Codes the list lacks (old data, imports)
 * stay as chips, readable. The control holds the codes as "a, b" (the form's list format).
 */
@Component({
  selector: 'app-theme-picker',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatChipsModule,
    MatIconModule,
    MatAutocompleteModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="full-width">
      <mat-label i18n="@@themes.picker.label">Temas</mat-label>
      <mat-chip-grid #grid [attr.aria-label]="label" [disabled]="control().disabled">
        @for (code of codes(); track code) {
          <mat-chip-row (removed)="remove(code)" [attr.data-testid]="'theme-chip-' + code">
            {{ store.label(code) }}
            <button matChipRemove [attr.aria-label]="removeLabel(code)">
              <mat-icon aria-hidden="true">cancel</mat-icon>
            </button>
          </mat-chip-row>
        }
        <input
          [formControl]="text"
          [matChipInputFor]="grid"
          [matAutocomplete]="auto"
          (matChipInputTokenEnd)="typed($event)"
          [attr.data-testid]="testId()"
          placeholder="Escribe para buscar…"
          i18n-placeholder="@@themes.picker.placeholder"
        />
      </mat-chip-grid>
      <mat-autocomplete
        #auto="matAutocomplete"
        autoActiveFirstOption
        (optionSelected)="picked($event)"
      >
        @for (t of options(); track t.code) {
          <mat-option [value]="t" [attr.data-testid]="'theme-option-' + t.code">{{
            labelOf(t)
          }}</mat-option>
        }
        @if (query() && !options().length) {
          <mat-option disabled data-testid="theme-no-results">
            <ng-container i18n="@@themes.picker.none"
              >Ningún tema coincide con «{{ query() }}». Un administrador puede agregarlo en
              Administración › Temas.</ng-container
            >
          </mat-option>
        }
      </mat-autocomplete>
      @if (unknown()) {
        <mat-hint class="unknown" data-testid="theme-unknown" i18n="@@themes.picker.unknown"
          >«{{ unknown() }}» no está en la lista de temas.</mat-hint
        >
      }
    </mat-form-field>
  `,
  styles: `
    .full-width {
      width: 100%;
    }
    .unknown {
      color: var(--mat-sys-error);
    }
  `,
})
export class ThemePicker implements OnInit {
  protected readonly store = inject(ThemesStore);
  /** The form's control: theme codes as "a, b". */
  readonly control = input.required<FormControl<string>>();
  readonly testId = input<string | null>('field-themes');
  protected readonly label = $localize`:@@themes.picker.label:Temas`;
  protected readonly text = new FormControl('', { nonNullable: true });
  /** Typed text that matched no theme when Enter was pressed. */
  protected readonly unknown = signal('');

  private readonly value = toSignal(
    toObservable(this.control).pipe(switchMap((c) => c.valueChanges.pipe(startWith(c.value)))),
    { initialValue: '' },
  );
  protected readonly codes = computed(() => codesOf(this.value() ?? ''));
  private readonly typedText = toSignal(this.text.valueChanges, { initialValue: '' });
  protected readonly query = computed(() => {
    const v = this.typedText() as unknown;
    return typeof v === 'string' ? v.trim() : '';
  });
  protected readonly options = computed(() => {
    const chosen = new Set(this.codes());
    return filterThemes(this.store.themes(), this.query(), this.store.lang).filter(
      (t) => !chosen.has(t.code),
    );
  });

  ngOnInit(): void {
    void this.store.ensureLoaded();
  }

  protected labelOf(theme: Theme): string {
    return themeLabel(theme, this.store.lang);
  }

  protected removeLabel(code: string): string {
    return $localize`:@@themes.picker.remove:Quitar ${this.store.label(code)}:theme:`;
  }

  private add(code: string): void {
    const codes = this.codes();
    if (!codes.includes(code)) this.setCodes([...codes, code]);
    this.text.setValue('');
    this.unknown.set('');
  }

  private setCodes(codes: string[]): void {
    const control = this.control();
    control.setValue(codes.join(', '));
    control.markAsDirty();
    control.markAsTouched();
  }

  protected remove(code: string): void {
    this.setCodes(this.codes().filter((c) => c !== code));
  }

  protected picked(event: MatAutocompleteSelectedEvent): void {
    this.add((event.option.value as Theme).code);
    event.option.deselect();
  }

  /** Enter or comma: the theme the text names (any case or accents), else a visible refusal. */
  protected typed(event: MatChipInputEvent): void {
    const text = event.value.trim();
    if (!text) return;
    const theme = this.store.match(text);
    if (theme) this.add(theme.code);
    else this.unknown.set(text);
  }
}
