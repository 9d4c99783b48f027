import { FormControl } from '@angular/forms';
import type { ImportReport } from '../../core/api/models';
import {
  csvFileProblem,
  importErrorsOf,
  MAX_CSV_BYTES,
  rateValidator,
  toImportView,
} from './exchange-rates.model';

describe('CSV file size guard', () => {
  it('accepts a file up to 1 MB and refuses a larger or empty one', () => {
    expect(csvFileProblem({ name: 'fix.csv', size: 2048 })).toBeNull();
    expect(csvFileProblem({ name: 'fix.csv', size: MAX_CSV_BYTES })).toBeNull();
    expect(csvFileProblem({ name: 'big.csv', size: MAX_CSV_BYTES + 1 })).toMatch(/1 MB/);
    expect(csvFileProblem({ name: 'empty.csv', size: 0 })).toBeTruthy();
  });
});

describe('import report → view model', () => {
  const report: ImportReport = {
    currency: 'USD',
    dryRun: true,
    applied: false,
    lines: 6,
    created: 1,
    changed: 1,
    unchanged: 1,
    skipped: 1,
    changes: [
      { line: 4, rateDate: '2019-01-16', rateToMxn: '19.100000', previous: '19.000000' },
      { line: 2, rateDate: '2019-01-14', rateToMxn: '19.163500', previous: null },
    ],
    errors: [],
  };

  it('gives the counts, the changes in file order and allows applying a clean preview', () => {
    const view = toImportView(report);
    expect(view.counts.map((c) => [c.key, c.value])).toEqual([
      ['created', 1],
      ['changed', 1],
      ['unchanged', 1],
      ['skipped', 1],
    ]);
    expect(view.changes.map((c) => [c.line, c.kind, c.previous])).toEqual([
      [2, 'created', null],
      [4, 'changed', '19.000000'],
    ]);
    expect(view.canApply).toBe(true);
  });

  it('lists every line error and blocks applying; reads IMPORT_INVALID details', () => {
    const view = toImportView({
      ...report,
      errors: [
        { line: 5, code: 'invalid_rate', message: 'Invalid rate', text: '17/01/2019,abc' },
        { line: 3, code: 'invalid_date', message: 'Invalid date', text: '32/01/2019,19.1' },
      ],
    });
    expect(view.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(view.canApply).toBe(false);

    const lines = importErrorsOf({
      code: 'IMPORT_INVALID',
      rawDetails: { errors: [{ line: 7, code: 'x', message: 'Bad', text: 'a,b' }, 'junk'] },
    });
    expect(lines).toEqual([{ line: 7, code: 'x', message: 'Bad', text: 'a,b' }]);
    expect(importErrorsOf({ code: 'VERSION_CONFLICT', rawDetails: {} })).toEqual([]);
  });
});

describe('rate validator (like the API: > 0, up to 6 decimals)', () => {
  it.each(['19.163500', '1', '0.000001', ''])('accepts %j', (v) => {
    expect(rateValidator(new FormControl(v))).toBeNull();
  });
  it.each(['0', '0.000000', '-1', '1.1234567', '1,5', 'abc'])('refuses %j', (v) => {
    expect(rateValidator(new FormControl(v))).toEqual({ rate: true });
  });
});
