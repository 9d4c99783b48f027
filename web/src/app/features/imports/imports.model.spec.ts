import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { toApiError } from '../../core/api/api-error';
import {
  fileErrorText,
  ImportPlan,
  issueMessage,
  locationText,
  planOfError,
  skippedByActivity,
  tableCounts,
} from './imports.model';

const counts = (create: number, update: number, unchanged: number) => ({
  create,
  update,
  unchanged,
  delete: 0,
});
const plan = (over: Partial<ImportPlan> = {}): ImportPlan => ({
  kind: 'csv',
  dryRun: true,
  applied: false,
  files: [],
  counts: counts(1, 0, 2),
  byTable: {
    organisations: counts(0, 0, 0),
    actions: counts(1, 0, 1),
    participations: counts(0, 0, 0),
    funding: counts(0, 0, 1),
    milestones: counts(0, 0, 0),
    results: counts(0, 0, 0),
    indicators: counts(0, 0, 0),
    document_links: counts(0, 0, 0),
  },
  rows: [],
  rowsTruncated: false,
  errors: [],
  errorCount: 0,
  warnings: [],
  elapsedMs: 3,
  ...over,
});

describe('imports model', () => {
  it('writes locations as file · sheet · row · column, or file · element path', () => {
    expect(locationText({ file: 'libro.xlsx', sheet: 'funding', row: 12, column: 'amount' })).toBe(
      'libro.xlsx · hoja funding · fila 12 · columna amount',
    );
    expect(locationText({ file: 'giz.xml', path: 'iati-activity[2]/transaction[3]' })).toBe(
      'giz.xml · iati-activity[2]/transaction[3]',
    );
  });

  it('translates row problems by code and falls back to the API message', () => {
    expect(issueMessage({ code: 'invalid_date', message: 'A date written YYYY-MM-DD' })).toBe(
      'Fecha no válida (aaaa-mm-dd).',
    );
    expect(issueMessage({ code: 'something_new', message: 'Something new' })).toBe('Something new');
  });

  it('lists only the tables the file touches, in a stable order', () => {
    expect(tableCounts(plan()).map((c) => c.table)).toEqual(['actions', 'funding']);
  });
});

describe('imports model: refused files and caps', () => {
  it('names the columns of a refused file, and reads the plan of a refused import', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          code: 'IMPORT_UNKNOWN_COLUMNS',
          message: 'x',
          details: { file: 'actions.csv', columns: ['colour', 'size'] },
        },
      }),
    );
    expect(fileErrorText(error)).toBe(
      'actions.csv: columnas que no son de la plantilla: colour, size.',
    );
    expect(planOfError(error)).toBeNull();
    const invalid = toApiError(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          code: 'IMPORT_INVALID',
          message: 'x',
          details: plan({
            errorCount: 1,
            errors: [{ location: { file: 'a.csv', row: 2 }, code: 'required', message: 'r' }],
          }),
        },
      }),
    );
    expect(planOfError(invalid)?.errorCount).toBe(1);
    const limited = toApiError(
      new HttpErrorResponse({
        status: 429,
        headers: new HttpHeaders({ 'Retry-After': '30' }),
        error: { statusCode: 429, code: 'RATE_LIMITED', message: 'x' },
      }),
    );
    expect(fileErrorText(limited)).toBe('Demasiadas importaciones seguidas; espera 30 segundos.');
  });

  it('names the cap a file broke, and when to retry a busy import', () => {
    const refused = (status: number, code: string, details: object, headers = {}) =>
      fileErrorText(
        toApiError(
          new HttpErrorResponse({
            status,
            headers: new HttpHeaders(headers),
            error: { statusCode: status, code, message: 'x', details },
          }),
        ),
      );
    expect(
      refused(400, 'IMPORT_TOO_MANY_ROWS', {
        file: 'big.xlsx',
        sheet: 'results',
        setting: 'IMPORT_MAX_ROWS',
        limit: 100000,
      }),
    ).toBe('big.xlsx · results: más de 100,000 filas, el máximo por tabla.');
    expect(
      refused(413, 'IMPORT_TOO_LARGE_UNCOMPRESSED', { file: 'big.xlsx', limit: 67108864 }),
    ).toBe('big.xlsx: descomprimido excede el máximo de 64 MB; divídelo en archivos más pequeños.');
    expect(refused(429, 'IMPORT_BUSY', {}, { 'Retry-After': '10' })).toBe(
      'Hay otras importaciones en curso; vuelve a intentarlo en 10 segundos.',
    );
  });
});

describe('skippedByActivity', () => {
  it('lists the skipped activities in file order with their problems', () => {
    const activity = (path: string, code: string, skipped: boolean) => ({
      path,
      code,
      counts: counts(0, 0, 0),
      errors: skipped ? 1 : 0,
      skipped,
    });
    const p = plan({
      kind: 'iati',
      activities: [
        activity('iati-activity[1]', 'A-1', false),
        activity('iati-activity[2]', 'A-2', true),
      ],
      skipped: [
        {
          location: { file: 'd.xml', path: 'iati-activity[2]/transaction[1]/value' },
          code: 'invalid_amount',
          message: 'x',
          value: 'diez',
        },
      ],
    });
    expect(skippedByActivity(p)).toEqual([
      {
        path: 'iati-activity[2]',
        code: 'A-2',
        issues: [expect.objectContaining({ value: 'diez' })],
      },
    ]);
    expect(skippedByActivity(plan())).toEqual([]);
  });
});
