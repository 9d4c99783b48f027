import { formatDecimal, formatMoney, sumAmounts } from './money';

describe('money formatting', () => {
  it('formats MXN the Mexican way in the Spanish build', () => {
    expect(formatMoney('16187025.00', 'MXN', 'es-MX')).toBe('$16,187,025.00 MXN');
    expect(formatMoney('1079370.37', 'MXN', 'es-MX')).toBe('$1,079,370.37 MXN');
  });

  it('keeps the ISO code so USD and MXN never look alike, in both builds', () => {
    expect(formatMoney('1000', 'USD', 'es-MX')).toBe('$1,000.00 USD');
    expect(formatMoney('1000', 'USD', 'en')).toBe('$1,000.00 USD');
    expect(formatMoney('12952444.43', 'MXN', 'en')).toBe('$12,952,444.43 MXN');
    expect(formatMoney('2500.5', 'EUR', 'en')).toBe('€2,500.50 EUR');
  });

  it('says when the currency is unknown instead of guessing one', () => {
    expect(formatMoney('361000.00', null, 'es-MX')).toBe('361,000.00 (moneda sin dato)');
  });

  it('formats exactly, beyond floating-point precision', () => {
    expect(formatDecimal('90071992547409.99', 'en')).toBe('90,071,992,547,409.99');
    expect(formatDecimal('0.005', 'en')).toBe('0.01');
    expect(formatDecimal('999.995', 'en')).toBe('1,000.00');
    expect(formatMoney('-1234.5', 'MXN', 'es-MX')).toBe('-$1,234.50 MXN');
  });

  it('shows a dash for missing amounts and the raw text for garbage', () => {
    expect(formatMoney(null, 'MXN', 'es-MX')).toBe('—');
    expect(formatMoney('n/a', 'MXN', 'es-MX')).toBe('n/a');
  });

  it('adds decimal strings without rounding drift', () => {
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['16187025.00', '12952444.43', '1079370.37'])).toBe('30218839.80');
    expect(sumAmounts(['10', '-12.5'])).toBe('-2.50');
    expect(sumAmounts([])).toBe('0.00');
  });
});
