import { formatPreciseDate } from './dates';

describe('date display', () => {
  it('writes day-precision dates per locale', () => {
    expect(formatPreciseDate('2023-12-14', 'day', 'es-MX')).toBe('14 dic 2023');
    expect(formatPreciseDate('2023-12-14', 'day', 'en')).toBe('Dec 14, 2023');
  });

  it('shows only month and year for month-precision dates', () => {
    expect(formatPreciseDate('2018-10-01', 'month', 'es-MX')).toBe('oct 2018');
    expect(formatPreciseDate('2018-10-01', 'month', 'en')).toBe('Oct 2018');
  });

  it('shows only the year for year-precision dates', () => {
    expect(formatPreciseDate('2019-01-01', 'year', 'es-MX')).toBe('2019');
  });

  it('never shifts a calendar date across time zones', () => {
    // 1 January read as UTC midnight would become 31 December in Mexico City.
    expect(formatPreciseDate('2019-01-01', 'day', 'es-MX')).toBe('1 ene 2019');
    expect(formatPreciseDate('2019-01-01T00:00:00.000Z', 'day', 'en')).toBe('Jan 1, 2019');
  });

  it('shows a dash when there is no date', () => {
    expect(formatPreciseDate(null, 'day', 'es-MX')).toBe('—');
  });
});
