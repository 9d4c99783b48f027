import { ValidatorFn } from '@angular/forms';
import type { ApiError } from '../../core/api/api-error';
import type { ImportLineError, ImportReport } from '../../core/api/models';

/** Currencies the admin screen manages (MXN is the base, rate 1). */
export const RATE_CURRENCIES = ['USD', 'EUR'] as const;
export type RateCurrency = (typeof RATE_CURRENCIES)[number];

/** Largest CSV the import dialog reads (1 MB). */
export const MAX_CSV_BYTES = 1024 * 1024;

const RATE = /^\d{1,12}(\.\d{1,6})?$/;

/** Like the API's `IsRate`: a decimal string > 0 with at most 6 decimals; empty passes. */
export const rateValidator: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : control.value;
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' && RATE.test(value) && /[1-9]/.test(value)
    ? null
    : { rate: true };
};

export const RATE_ERROR_TEXT = (): string =>
  $localize`:@@rates.rateInvalid:Número mayor que 0 con punto decimal y hasta 6 decimales, p. ej. 19.163500.`;

/** Why a picked file cannot be imported, or null when it can be read. */
export function csvFileProblem(file: Pick<File, 'size' | 'name'>): string | null {
  if (file.size > MAX_CSV_BYTES) {
    return $localize`:@@rates.import.tooLarge:El archivo pesa más de 1 MB; divídelo en partes.`;
  }
  if (file.size === 0) return $localize`:@@rates.import.emptyFile:El archivo está vacío.`;
  return null;
}

/** Reads a picked CSV as text (after the size guard). */
export function readCsvFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

export interface ImportCount {
  key: 'created' | 'changed' | 'unchanged' | 'skipped';
  label: string;
  value: number;
}

export interface ImportChangeRow {
  line: number;
  rateDate: string;
  rateToMxn: string;
  previous: string | null;
  kind: 'created' | 'changed';
}

export interface ImportView {
  dryRun: boolean;
  applied: boolean;
  lines: number;
  counts: ImportCount[];
  changes: ImportChangeRow[];
  errors: ImportLineError[];
  /** True when a real import would write something and nothing blocks it. */
  canApply: boolean;
  summary: string;
}

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

/** The import report as the dialog shows it: counts, changes and errors in file order. */
export function toImportView(report: ImportReport): ImportView {
  const errors = [...report.errors].sort(byLine);
  const changes = report.changes
    .map<ImportChangeRow>((c) => ({
      line: c.line,
      rateDate: c.rateDate,
      rateToMxn: c.rateToMxn,
      previous: c.previous ?? null,
      kind: c.previous === null || c.previous === undefined ? 'created' : 'changed',
    }))
    .sort(byLine);
  const writes = report.created + report.changed;
  let summary: string;
  if (errors.length) {
    summary = $localize`:@@rates.import.summaryErrors:Corrige las líneas con error; no se importó nada.`;
  } else if (report.applied) {
    summary = $localize`:@@rates.import.summaryApplied:Importación terminada: ${writes}:count: tipos de cambio escritos.`;
  } else if (!writes) {
    summary = $localize`:@@rates.import.summaryNothing:No hay cambios que importar.`;
  } else {
    summary = $localize`:@@rates.import.summaryPreview:Vista previa: se escribirían ${writes}:count: tipos de cambio.`;
  }
  return {
    dryRun: report.dryRun,
    applied: report.applied,
    lines: report.lines,
    counts: [
      { key: 'created', label: $localize`:@@rates.import.created:Nuevos`, value: report.created },
      { key: 'changed', label: $localize`:@@rates.import.changed:Cambian`, value: report.changed },
      {
        key: 'unchanged',
        label: $localize`:@@rates.import.unchanged:Sin cambio`,
        value: report.unchanged,
      },
      {
        key: 'skipped',
        label: $localize`:@@rates.import.skipped:Omitidas (N/E)`,
        value: report.skipped,
      },
    ],
    changes,
    errors,
    canApply: report.dryRun && !errors.length && writes > 0,
    summary,
  };
}

function isLineError(value: unknown): value is ImportLineError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ImportLineError).line === 'number' &&
    typeof (value as ImportLineError).message === 'string'
  );
}

/** The per-line errors of a 400 IMPORT_INVALID (`details.errors`), in file order. */
export function importErrorsOf(error: Pick<ApiError, 'code' | 'rawDetails'>): ImportLineError[] {
  if (error.code !== 'IMPORT_INVALID') return [];
  const raw = error.rawDetails as { errors?: unknown } | null | undefined;
  const list = Array.isArray(raw?.errors) ? raw.errors : [];
  return list
    .filter(isLineError)
    .map((e) => ({ line: e.line, code: e.code ?? '', message: e.message, text: e.text ?? '' }))
    .sort(byLine);
}
