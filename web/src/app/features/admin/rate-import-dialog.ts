import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom, startWith } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import type { ImportLineError } from '../../core/api/models';
import { ExchangeRatesApi } from './exchange-rates.api';
import {
  csvFileProblem,
  importErrorsOf,
  ImportView,
  RATE_CURRENCIES,
  RateCurrency,
  readCsvFile,
  toImportView,
} from './exchange-rates.model';

/** Closes with true when rates were written. */
@Component({
  selector: 'app-rate-import-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n="@@rates.import.title">Importar tipos de cambio (CSV de Banxico)</h2>
    <mat-dialog-content>
      <p class="muted" i18n="@@rates.import.help">
        Una fila por día: «dd/mm/aaaa,tipo» o «aaaa-mm-dd,tipo». Las filas N/E se omiten. Una
        importación escribe todo o nada.
      </p>
      <div class="row">
        <mat-form-field>
          <mat-label i18n="@@rates.field.currency">Moneda</mat-label>
          <mat-select [formControl]="currency" data-testid="import-currency">
            @for (c of currencies; track c) {
              <mat-option [value]="c">{{ c }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field class="grow">
          <mat-label i18n="@@rates.field.source">Fuente</mat-label>
          <input matInput [formControl]="source" />
        </mat-form-field>
      </div>
      <div class="file">
        <input
          #fileInput
          type="file"
          accept=".csv,text/csv,text/plain"
          class="visually-hidden"
          (change)="pickFile(fileInput)"
          data-testid="import-file"
        />
        <button mat-stroked-button type="button" (click)="fileInput.click()">
          <mat-icon aria-hidden="true">upload_file</mat-icon>
          <span i18n="@@rates.import.pick">Elegir archivo .csv</span>
        </button>
        @if (fileName()) {
          <span class="muted">{{ fileName() }}</span>
        }
      </div>
      @if (fileError()) {
        <p class="server-error" role="alert">{{ fileError() }}</p>
      }
      <mat-form-field class="full-width">
        <mat-label i18n="@@rates.import.paste"
          >Contenido CSV (pégalo aquí o elige un archivo)</mat-label
        >
        <textarea
          matInput
          [formControl]="csv"
          rows="8"
          class="csv"
          data-testid="import-text"
        ></textarea>
      </mat-form-field>
      @if (busy()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Procesando"
          i18n-aria-label="@@rates.import.busy"
        />
      }
      @if (message(); as m) {
        <p class="server-error" role="alert">{{ m }}</p>
      }
      @if (view(); as v) {
        <section class="report" data-testid="import-report" aria-live="polite">
          <p>
            <strong>{{ v.summary }}</strong>
            <span class="muted" i18n="@@rates.import.lines"> ({{ v.lines }} líneas)</span>
          </p>
          <ul class="counts">
            @for (c of v.counts; track c.key) {
              <li [attr.data-testid]="'import-count-' + c.key">
                <span class="count">{{ c.value }}</span> {{ c.label }}
              </li>
            }
          </ul>
          @if (v.changes.length) {
            <h3 i18n="@@rates.import.changes">Cambios</h3>
            <table class="list">
              <thead>
                <tr>
                  <th i18n="@@rates.import.col.line">Línea</th>
                  <th i18n="@@rates.col.date">Fecha</th>
                  <th i18n="@@rates.import.col.previous">Antes</th>
                  <th i18n="@@rates.import.col.new">Nuevo</th>
                </tr>
              </thead>
              <tbody>
                @for (c of v.changes; track c.line) {
                  <tr>
                    <td>{{ c.line }}</td>
                    <td>{{ c.rateDate }}</td>
                    <td class="num">{{ c.previous ?? '—' }}</td>
                    <td class="num">{{ c.rateToMxn }}</td>
                  </tr>
                }
              </tbody>
            </table>
          }
        </section>
      }
      @if (errors().length) {
        <section class="errors" data-testid="import-errors">
          <h3 i18n="@@rates.import.errors">Errores</h3>
          <ul>
            @for (e of errors(); track $index) {
              <li>
                <strong i18n="@@rates.import.line">Línea {{ e.line }}:</strong>
                {{ e.message }}
                @if (e.text) {
                  <code>{{ e.text }}</code>
                }
              </li>
            }
          </ul>
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="applied()" i18n="@@common.close">
        Cerrar
      </button>
      <button
        mat-stroked-button
        type="button"
        (click)="run(true)"
        [disabled]="busy() || !hasText()"
        data-testid="import-preview"
        i18n="@@rates.import.preview"
      >
        Vista previa
      </button>
      <button
        mat-flat-button
        type="button"
        (click)="run(false)"
        [disabled]="busy() || !hasText()"
        data-testid="import-apply"
        i18n="@@rates.import.apply"
      >
        Importar
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .row,
    .file {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 12px;
    }
    .file {
      margin-bottom: 12px;
    }
    .grow {
      flex: 1;
    }
    .csv {
      font-family: monospace;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      list-style: none;
      padding: 0;
    }
    .count {
      font-weight: 500;
    }
    .list {
      border-collapse: collapse;
    }
    .list th,
    .list td {
      padding: 2px 12px 2px 0;
      text-align: left;
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .errors {
      color: var(--mat-sys-error);
    }
  `,
})
export class RateImportDialog {
  private readonly api = inject(ExchangeRatesApi);
  private readonly ref = inject(MatDialogRef<RateImportDialog, boolean>);
  protected readonly currencies = RATE_CURRENCIES;
  protected readonly currency = new FormControl<RateCurrency>('USD', { nonNullable: true });
  protected readonly source = new FormControl('Banxico FIX', {
    nonNullable: true,
    validators: Validators.maxLength(200),
  });
  protected readonly csv = new FormControl('', { nonNullable: true });
  private readonly csvValue = toSignal(this.csv.valueChanges.pipe(startWith(this.csv.value)), {
    initialValue: '',
  });
  protected readonly hasText = computed(() => this.csvValue().trim() !== '');
  protected readonly fileName = signal('');
  protected readonly fileError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly view = signal<ImportView | null>(null);
  protected readonly errors = signal<ImportLineError[]>([]);
  protected readonly applied = signal(false);

  constructor() {
    this.ref.disableClose = true;
    // A report describes the text it was made from: clear it when the input changes.
    this.csv.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.reset());
    this.currency.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.reset());
  }

  private reset(): void {
    this.view.set(null);
    this.errors.set([]);
    this.message.set(null);
  }

  async pickFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.fileError.set(null);
    const problem = csvFileProblem(file);
    if (problem) {
      this.fileError.set(problem);
      return;
    }
    try {
      this.csv.setValue(await readCsvFile(file));
      this.fileName.set(file.name);
    } catch {
      this.fileError.set($localize`:@@rates.import.readFailed:No se pudo leer el archivo.`);
    }
  }

  async run(dryRun: boolean): Promise<void> {
    if (!this.hasText() || this.busy()) return;
    this.busy.set(true);
    this.reset();
    try {
      const report = await firstValueFrom(
        this.api.import(this.csv.value, {
          currency: this.currency.value,
          dryRun,
          source: this.source.value,
        }),
      );
      const view = toImportView(report);
      this.view.set(view);
      this.errors.set(view.errors);
      if (report.applied) this.applied.set(true);
    } catch (e) {
      const err = toApiError(e);
      const lines = importErrorsOf(err);
      this.errors.set(lines);
      this.message.set(err.message);
    } finally {
      this.busy.set(false);
    }
  }
}
