import type { Agreement } from '../../core/api/models';
import {
  filterAgreements,
  isOverdue,
  nextPosition,
  parseFilter,
  roman,
  suggestCode,
} from './board.model';

const agreement = (code: string, status: Agreement['status'], dueDate: string | null = null) => ({
  code,
  status,
  dueDate,
});

describe('board follow-up rules', () => {
  const list = [
    agreement('JD-VIII-2', 'in_progress'),
    agreement('JD-XI-1', 'done', '2023-12-01'),
    agreement('JD-XII-1', 'open', '2024-01-31'),
    agreement('JD-XII-2', 'open', '2024-03-31'),
    agreement('JD-XII-3', 'cancelled', '2024-01-01'),
  ];

  it('calls overdue only what is still pending past its due date', () => {
    expect(isOverdue(list[2], '2024-02-01')).toBe(true);
    expect(isOverdue(list[2], '2024-01-31')).toBe(false);
    expect(isOverdue(list[1], '2024-02-01')).toBe(false);
    expect(isOverdue(list[0], '2024-02-01')).toBe(false);
  });

  it('filters by status, pending, overdue or all', () => {
    const codes = (f: Parameters<typeof filterAgreements>[1]) =>
      filterAgreements(list, f, '2024-02-01').map((a) => a.code);
    expect(codes('pending')).toEqual(['JD-VIII-2', 'JD-XII-1', 'JD-XII-2']);
    expect(codes('overdue')).toEqual(['JD-XII-1']);
    expect(codes('done')).toEqual(['JD-XI-1']);
    expect(codes('all')).toHaveLength(5);
    expect(parseFilter('overdue')).toBe('overdue');
    expect(parseFilter('nonsense')).toBe('pending');
  });

  it('suggests the next agreement code in the minutes style', () => {
    expect(roman(12)).toBe('XII');
    expect(roman(8)).toBe('VIII');
    expect(roman(49)).toBe('XLIX');
    expect(suggestCode({ number: 12 }, [])).toBe('JD-XII-1');
    expect(suggestCode({ number: 11 }, [{ code: 'JD-XI-1' }, { code: 'JD-XI-2' }])).toBe('JD-XI-3');
  });

  it('numbers the next agenda item after the highest', () => {
    expect(nextPosition([])).toBe(1);
    expect(nextPosition([{ position: 3 }, { position: 10 }])).toBe(11);
  });
});
