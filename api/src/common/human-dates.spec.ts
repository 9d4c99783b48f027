import { dayInMexico, humanDate, humanDay } from './human-dates';

describe('dates written for people', () => {
  it('writes dates the Mexican way in Spanish and short in English', () => {
    expect(humanDate('2026-01-15', 'es')).toBe('15 de enero de 2026');
    expect(humanDate('2026-01-15', 'en')).toBe('15 Jan 2026');
    expect(humanDate('2023-12-01', 'es', 'month')).toBe('diciembre de 2023');
    expect(humanDate('2023-12-01', 'en', 'year')).toBe('2023');
    expect(humanDate(null, 'es')).toBe('');
    expect(humanDate('sin fecha', 'es')).toBe('sin fecha');
  });

  it('takes the day of an instant in Mexico City, not in UTC', () => {
    // 02:00 UTC on 16 January is still the evening of 15 January in Mexico City.
    expect(dayInMexico(new Date('2026-01-16T02:00:00Z'))).toBe('2026-01-15');
    expect(humanDay('2026-01-16T02:00:00Z', 'es')).toBe('15 de enero de 2026');
  });
});
