import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { toApiError } from '../../core/api/api-error';
import { DEFAULT_FILTERS } from '../../shared/filter-bar/action-filters';
import { filenameFrom, formatBytes, withJsonErrorBody } from './download-file';
import { exportErrorMessage } from './export-errors';
import { actionSheet, exportParams, listCsv, listTemplate, sharedIati } from './exports.api';
import { sharedPageUrl } from './share-links.api';

describe('export downloads', () => {
  it('takes the file name from Content-Disposition, without folders, else the fallback', () => {
    expect(filenameFrom('attachment; filename="GTO-01-ficha.pdf"', 'x.pdf')).toBe(
      'GTO-01-ficha.pdf',
    );
    expect(filenameFrom("attachment; filename*=UTF-8''%C3%81rbol.csv", 'x.csv')).toBe('Árbol.csv');
    expect(filenameFrom('attachment; filename=plain.xml', 'x.xml')).toBe('plain.xml');
    expect(filenameFrom('attachment; filename="../../etc/passwd"', 'x')).toBe('passwd');
    expect(filenameFrom('attachment', 'fallback.xlsx')).toBe('fallback.xlsx');
    expect(filenameFrom(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });

  it('sends the list filters without paging and sort (the export DTO rejects them)', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: ' árbol ',
      kind: ['award', 'city_to_city'],
      sdg: [11, 13],
      page: 3,
      pageSize: 50,
      sort: 'code',
    };
    expect(exportParams(filters)).toEqual({ q: 'árbol', kind: 'award,city_to_city', sdg: '11,13' });
    expect(exportParams(DEFAULT_FILTERS)).toEqual({});
    const csv = listCsv('funding', filters);
    expect(csv.url).toBe('/api/v1/exports/funding.csv');
    // People get labelled tables in the app's language; the import template keeps the codes.
    expect(csv.params).toEqual({
      q: 'árbol',
      kind: 'award,city_to_city',
      sdg: '11,13',
      lang: 'es',
    });
    expect(csv.fallbackName).toMatch(/^coopera-financiamiento-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(listCsv('funding', filters, 'en').fallbackName).toMatch(/^coopera-funding-/);
    const template = listTemplate(filters);
    expect(template.url).toBe('/api/v1/exports/import-template.xlsx');
    expect(template.params).toEqual({ q: 'árbol', kind: 'award,city_to_city', sdg: '11,13' });
  });
});

describe('export downloads: addresses, error bodies and sizes', () => {
  it('builds the single-action and share-link addresses with escaped ids', () => {
    expect(actionSheet('a/b', 'X-1', 'en')).toMatchObject({
      url: '/api/v1/actions/a%2Fb/export/sheet.pdf',
      params: { lang: 'en' },
      fallbackName: 'X-1-sheet.pdf',
    });
    expect(sharedIati('tok_-1', 'X-1').url).toBe('/api/v1/shared/tok_-1/iati.xml');
    expect(sharedPageUrl('tok_-1', 'https://coopera.example/en/')).toBe(
      'https://coopera.example/en/compartido/tok_-1',
    );
    expect(sharedPageUrl('tok', 'https://coopera.example/')).toBe(
      'https://coopera.example/compartido/tok',
    );
  });

  it('reads a JSON error body that arrived as a Blob and explains it by code', async () => {
    const blob = new Blob(
      [JSON.stringify({ statusCode: 429, code: 'RATE_LIMITED', message: 'Too many', details: [] })],
      { type: 'application/json' },
    );
    const raw = new HttpErrorResponse({
      error: blob,
      status: 429,
      headers: new HttpHeaders({ 'Retry-After': '30' }),
    });
    const error = toApiError(await withJsonErrorBody(raw));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(exportErrorMessage(error)).toContain('30 s');

    const notJson = new HttpErrorResponse({ error: new Blob(['<html>']), status: 502 });
    expect(toApiError(await withJsonErrorBody(notJson)).code).toBe('UNEXPECTED');
    expect(
      exportErrorMessage({ status: 400, code: 'SOMETHING_NEW', message: 'API says', details: [] }),
    ).toBe('API says');
  });

  it('writes sizes with decimal units', () => {
    expect(formatBytes(12, 'en')).toBe('12 B');
    expect(formatBytes(340_000, 'en')).toBe('340 kB');
    expect(formatBytes(1_250_000, 'en')).toBe('1.3 MB');
    expect(formatBytes(1_250_000, 'es-MX')).toBe('1.3 MB');
  });
});
