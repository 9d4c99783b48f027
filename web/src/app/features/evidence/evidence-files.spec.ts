import type { ApiError } from '../../core/api/api-error';
import { formatSize, pickFiles, uploadErrorText } from './evidence-files';
import { evidenceUrl } from './evidence.api';

describe('evidence helpers', () => {
  it('formats sizes in the page locale', () => {
    expect(formatSize(12, 'es-MX')).toBe('12 B');
    expect(formatSize(1_450_000, 'es-MX')).toBe('1.5 MB');
    expect(formatSize(20 * 1024 * 1024, 'en')).toBe('21 MB');
    expect(formatSize(820_000, 'en')).toBe('820 kB');
  });

  it('builds the upload route of each target', () => {
    expect(evidenceUrl({ actionId: 'a' })).toBe('/api/v1/actions/a/evidence');
    expect(evidenceUrl({ actionId: 'a', milestoneId: 'm' })).toBe(
      '/api/v1/actions/a/milestones/m/evidence',
    );
    expect(evidenceUrl({ actionId: 'a', resultId: 'r' })).toBe(
      '/api/v1/actions/a/results/r/evidence',
    );
  });

  it('names the file and the limit in upload errors', () => {
    const err: ApiError = {
      status: 413,
      code: 'EVIDENCE_TOO_LARGE',
      message: 'El archivo excede el tamaño máximo permitido; no se guardó nada.',
      details: [],
      rawDetails: { maxBytes: 20_000_000 },
    };
    expect(uploadErrorText(err, 'es-MX')).toContain('20 MB');
    const typed: ApiError = {
      ...err,
      code: 'EVIDENCE_TYPE_MISMATCH',
      rawDetails: { fileName: 'a.pdf' },
    };
    expect(uploadErrorText(typed, 'es-MX')).toContain('(a.pdf)');
  });

  it('keeps at most five files', () => {
    const files = Array.from({ length: 7 }, (_, i) => new File(['x'], `f${i}.pdf`));
    expect(pickFiles(files)).toHaveLength(5);
    expect(pickFiles(null)).toEqual([]);
  });
});
