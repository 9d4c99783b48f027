import type { ExportTable } from '../exports/export-tables';

export const IMPORT_KINDS = ['workbook', 'csv', 'iati'] as const;
export type ImportFileKind = (typeof IMPORT_KINDS)[number];

/** Where a value came from: file and sheet, row (1-based, header = 1) and column; or an XML path. */
export interface ImportLocation {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  path?: string;
}

/** Codes of the problems that stop an import (a row or element as written cannot be saved). */
export const IMPORT_ERROR_CODES = [
  'required',
  'invalid_value',
  'invalid_code',
  'invalid_uuid',
  'invalid_date',
  'invalid_datetime',
  'invalid_amount',
  'negative_amount',
  'invalid_number',
  'invalid_currency',
  'invalid_sdg',
  'invalid_country',
  'too_long',
  'too_short',
  'too_many_items',
  'nul_character',
  'extra_cells',
  'duplicate_key',
  'id_conflict',
  'unknown_action',
  'unknown_result',
  'organisation_conflict',
  'date_order',
] as const;
/** Codes of what an IATI import reads differently or leaves out, and says so (it goes on). */
export const IMPORT_WARNING_CODES = [
  'amount_rounded',
  'indicator_text_value',
  'missing_identifier',
  'skipped_transaction',
  'skipped_role',
  'skipped_org',
  'skipped_document',
] as const;
/** Every code an import problem can carry: stable, and translated by the web app one by one. */
export const IMPORT_ISSUE_CODES = [...IMPORT_ERROR_CODES, ...IMPORT_WARNING_CODES] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** One problem found in a file; `code` is stable (the web app translates it). */
export interface ImportIssue {
  location: ImportLocation;
  code: ImportIssueCode;
  message: string;
  value?: string;
}

export type Outcome = 'create' | 'update' | 'unchanged' | 'delete';
/** The tables a reader fills: the export's, and the action's document links (IATI document-link). */
export type InputTableName = ExportTable | 'document_links';
export type ImportTable = InputTableName | 'organisations';

/** What happens to one row (or element) of the file. */
export interface PlannedRow {
  location: ImportLocation;
  table: ImportTable;
  key: string;
  outcome: Outcome;
  /** The columns that change (updates only). */
  changes?: string[];
}

export type Counts = Record<Outcome, number>;

/** One row of a table after its cells were read: header → typed value, present columns only. */
export interface InputRow {
  location: ImportLocation;
  values: Record<string, unknown>;
}

export interface InputTable {
  table: InputTableName;
  file: string;
  sheet?: string;
  headers: string[];
  rows: InputRow[];
}

/** A parsed file, ready to be planned against the database. */
export interface ImportInput {
  kind: ImportFileKind;
  tables: InputTable[];
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

export const MAX_REPORTED_ROWS = 5000;
export const MAX_REPORTED_ISSUES = 1000;

/**
 * Hard caps on what a reader may build from one upload (IMPORT_MAX_* settings). A reader that
 * would pass one refuses the file: 413 IMPORT_TOO_LARGE_UNCOMPRESSED for bytes, 400
 * IMPORT_TOO_MANY_ROWS / IMPORT_TOO_MANY_COLUMNS / IMPORT_CELL_TOO_LONG for shape.
 */
export interface ImportLimits {
  /** Bytes of text a file may expand to (the sheets of a workbook, a CSV, an XML file). */
  maxUncompressedBytes: number;
  /** Data rows of one table (header excluded). */
  maxRows: number;
  /** Columns of one table. */
  maxColumns: number;
  /** Characters of one cell. */
  maxCellChars: number;
}

/** Options of readImportFiles; plain data, so they cross into the worker thread as they are. */
export interface ReadImportOptions {
  iati?: { ownPrefix?: string };
  limits?: ImportLimits;
}
