import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ImportStore } from './imports.store';

const plan = (over: Record<string, unknown> = {}) => ({
  kind: 'csv',
  dryRun: true,
  applied: false,
  files: [],
  counts: { create: 1, update: 0, unchanged: 0, delete: 0 },
  byTable: {},
  rows: [],
  rowsTruncated: false,
  errors: [],
  errorCount: 0,
  warnings: [],
  elapsedMs: 1,
  ...over,
});

// One store and HTTP mock per test, for both suites of this file.
let store: ImportStore;
let http: HttpTestingController;
const file = new File(['code\r\nA-1\r\n'], 'actions.csv', { type: 'text/csv' });

beforeEach(() => {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), ImportStore],
  });
  store = TestBed.inject(ImportStore);
  http = TestBed.inject(HttpTestingController);
});

afterEach(() => http.verify());

describe('ImportStore: dry run and apply', () => {
  it('offers «Importar» only after a dry run without errors, and clears the plan when the files change', async () => {
    store.setKind('csv');
    store.setFiles([file]);
    expect(store.canCheck()).toBe(true);
    expect(store.canApply()).toBe(false);
    const run = store.run(true);
    const req = http.expectOne((r) => r.url === '/api/v1/imports/csv');
    expect(req.request.params.get('dryRun')).toBe('true');
    expect((req.request.body as FormData).getAll('file')).toHaveLength(1);
    req.flush(plan());
    await run;
    expect(store.canApply()).toBe(true);
    store.setFiles([file]);
    expect(store.plan()).toBeNull();
    expect(store.canApply()).toBe(false);
  });

  it('IATI: sends the chosen unit of all-or-nothing; other kinds send none; changing it clears the plan', async () => {
    store.setKind('iati');
    store.setFiles([file]);
    store.setAtomicity('activity');
    const run = store.run(true);
    const req = http.expectOne((r) => r.url === '/api/v1/imports/iati');
    expect(req.request.params.get('atomicity')).toBe('activity');
    req.flush(plan({ kind: 'iati' }));
    await run;
    expect(store.plan()).not.toBeNull();
    store.setAtomicity('file');
    expect(store.plan()).toBeNull();
    store.setKind('csv');
    store.setFiles([file]);
    const csv = store.run(true);
    const csvReq = http.expectOne((r) => r.url === '/api/v1/imports/csv');
    expect(csvReq.request.params.has('atomicity')).toBe(false);
    csvReq.flush(plan());
    await csv;
  });
});

describe('ImportStore: refused imports', () => {
  it('shows the plan of a refused import (400 IMPORT_INVALID) and blocks applying', async () => {
    store.setFiles([file]);
    const run = store.run(false);
    http
      .expectOne((r) => r.url === '/api/v1/imports/workbook')
      .flush(
        {
          statusCode: 400,
          code: 'IMPORT_INVALID',
          message: 'x',
          details: plan({
            dryRun: false,
            errorCount: 1,
            errors: [{ location: { file: 'a.xlsx', row: 2 }, code: 'required', message: 'r' }],
          }),
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await run;
    expect(store.plan()?.errorCount).toBe(1);
    expect(store.error()).toBeNull();
    expect(store.canApply()).toBe(false);
  });

  it('turns a refused file into a message naming what is wrong', async () => {
    store.setKind('iati');
    store.setFiles([file]);
    const run = store.run(true);
    http
      .expectOne((r) => r.url === '/api/v1/imports/iati')
      .flush(
        { statusCode: 400, code: 'IMPORT_XML_DOCTYPE', message: 'x', details: { file: 'x.xml' } },
        { status: 400, statusText: 'Bad Request' },
      );
    await run;
    expect(store.plan()).toBeNull();
    expect(store.error()).toBe(
      'x.xml: el XML declara un DOCTYPE o entidades; por seguridad no se leyó.',
    );
  });
});
