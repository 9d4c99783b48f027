import { FormControl } from '@angular/forms';
import { moneyInputValidator, normaliseMoneyInput, parseMoneyInput } from './money-input';

describe('amounts typed the Mexican way', () => {
  it.each([
    ['250,000.00', '250000.00'],
    ['250000', '250000.00'],
    ['$250,000.00', '250000.00'],
    ['USD 250,000', '250000.00'],
    ['250,000.00 MXN', '250000.00'],
    ['€1,234.5', '1234.50'],
    ['US$ 1,000,000.01', '1000000.01'],
    [' 16187025.00 ', '16187025.00'],
    ['0.5', '0.50'],
    ['007', '7.00'],
  ])('reads %s as %s', (typed, stored) => {
    expect(parseMoneyInput(typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['250,00', 'ambiguous'],
    ['1.234.567', 'ambiguous'],
    ['250.000', 'ambiguous'],
    ['25,0000', 'ambiguous'],
    ['1,234,56', 'ambiguous'],
    ['250000.123', 'decimals'],
    ['1,000.555', 'decimals'],
    ['-250', 'negative'],
    ['abc', 'invalid'],
    ['12 dólares', 'invalid'],
    ['99999999999999999', 'tooLarge'],
  ])('refuses %s (%s)', (typed, error) => {
    expect(parseMoneyInput(typed)).toEqual({ ok: false, error });
  });

  it('leaves an empty field to `required`', () => {
    expect(parseMoneyInput('  ')).toBeNull();
    expect(moneyInputValidator(new FormControl(''))).toBeNull();
    expect(moneyInputValidator(new FormControl('250,00'))).toEqual({ moneyInput: 'ambiguous' });
  });

  it('sends what it previews', () => {
    expect(normaliseMoneyInput('$250,000.00')).toBe('250000.00');
  });
});
