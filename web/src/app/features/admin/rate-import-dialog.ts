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
  templateUrl: './rate-import-dialog.html',
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
