import { FormControl, FormGroup, Validators } from '@angular/forms';
import {
  applyApiErrors,
  controlErrorText,
  currencyCodeValidator,
  dateValidator,
  decimalValidator,
  isDateOnly,
  moneyValidator,
  notBeforeValidator,
  revalidateOnChange,
  todayIso,
  urlValidator,
} from './forms';

const check = (validator: typeof moneyValidator, value: unknown) =>
  validator(new FormControl(value));

describe('money validator (like the API: ≥ 0, at most 2 decimals, decimal string)', () => {
  it.each(['1500', '16187025.00', '0', '0.5', '1079370.37', ''])('accepts %j', (value) => {
    expect(check(moneyValidator, value)).toBeNull();
  });

  it.each([
    '1.234',
    '-1',
    '1e3',
    '1,500',
    '1 500',
    '$1500',
    '.5',
    '1.',
    'abc',
    '12345678901234567',
  ])('rejects %j', (value) => {
    expect(check(moneyValidator, value)).toEqual({ money: true });
  });
});

describe('decimal, currency, date and URL validators', () => {
  it('accepts signed decimals up to 6 places for indicators', () => {
    expect(check(decimalValidator, '-3.5')).toBeNull();
    expect(check(decimalValidator, '0.123456')).toBeNull();
    expect(check(decimalValidator, '1.1234567')).toEqual({ decimal: true });
    expect(check(decimalValidator, '12,000')).toEqual({ decimal: true });
  });

  it('takes any three-letter code as a currency', () => {
    expect(check(currencyCodeValidator, 'GBP')).toBeNull();
    expect(check(currencyCodeValidator, 'gbp')).toBeNull();
    expect(check(currencyCodeValidator, 'GB')).toEqual({ currency: true });
    expect(check(currencyCodeValidator, 'GBPX')).toEqual({ currency: true });
  });

  it('takes real calendar dates only', () => {
    expect(isDateOnly('2019-01-14')).toBe(true);
    expect(isDateOnly('2023-02-30')).toBe(false);
    expect(isDateOnly('14/01/2019')).toBe(false);
    expect(check(dateValidator, '')).toBeNull();
    expect(check(dateValidator, '2019-13-01')).toEqual({ date: true });
  });

  it('wants an absolute http(s) address', () => {
    expect(check(urlValidator, 'https://imeplan.mx/documentos/estudio.pdf')).toBeNull();
    expect(check(urlValidator, 'imeplan.mx/estudio.pdf')).toEqual({ url: true });
    expect(check(urlValidator, 'ftp://imeplan.mx/a')).toEqual({ url: true });
    expect(check(urlValidator, 'javascript:alert(1)')).toEqual({ url: true });
  });

  it("writes today as the institute's calendar date (Mexico City), whatever the browser's zone", () => {
    // 05:30 UTC on 15 December is still the 14th in Mexico City (UTC−6).
    expect(todayIso(new Date('2023-12-15T05:30:00Z'))).toBe('2023-12-14');
    expect(todayIso(new Date('2023-12-15T06:00:00Z'))).toBe('2023-12-15');
    expect(todayIso(new Date('2023-01-01T00:00:00-06:00'))).toBe('2023-01-01');
  });
});

describe('date order validator', () => {
  const form = () => {
    const group = new FormGroup({
      start: new FormControl('', { nonNullable: true }),
      end: new FormControl('', { nonNullable: true, validators: notBeforeValidator('start') }),
    });
    revalidateOnChange(group.controls.start, group.controls.end);
    return group;
  };

  it('accepts an end on or after the start', () => {
    const f = form();
    f.setValue({ start: '2019-06-01', end: '2019-06-01' });
    expect(f.controls.end.errors).toBeNull();
    f.setValue({ start: '2019-06-01', end: '2021-01-31' });
    expect(f.controls.end.errors).toBeNull();
  });

  it('rejects an end before the start', () => {
    const f = form();
    f.setValue({ start: '2019-06-01', end: '2019-05-31' });
    expect(f.controls.end.errors).toEqual({ dateOrder: true });
  });

  it('says nothing while either date is empty', () => {
    const f = form();
    f.setValue({ start: '', end: '2019-05-31' });
    expect(f.controls.end.errors).toBeNull();
    f.setValue({ start: '2019-06-01', end: '' });
    expect(f.controls.end.errors).toBeNull();
  });

  it('re-checks the end when only the start moves', () => {
    const f = form();
    f.setValue({ start: '2019-01-01', end: '2019-05-31' });
    expect(f.controls.end.valid).toBe(true);
    f.controls.start.setValue('2019-06-01');
    expect(f.controls.end.errors).toEqual({ dateOrder: true });
    f.controls.start.setValue('2019-05-01');
    expect(f.controls.end.errors).toBeNull();
  });
});

describe('API field errors onto the form', () => {
  const form = () =>
    new FormGroup({
      amount: new FormControl('', { nonNullable: true, validators: Validators.required }),
      provider: new FormControl<string | null>(null),
      indicators: new FormControl('', { nonNullable: true }),
    });

  it('puts each message on its field, marks it touched and shows it', () => {
    const f = form();
    const rest = applyApiErrors(f, {
      details: [{ field: 'amount', code: 'isMoney', message: 'Monto no válido.' }],
    });
    expect(rest).toEqual([]);
    expect(f.controls.amount.errors).toEqual({ required: true, server: 'Monto no válido.' });
    expect(f.controls.amount.touched).toBe(true);
    expect(controlErrorText(f.controls.amount)).toBe('Monto no válido.');
    expect(f.controls.provider.errors).toBeNull();
  });

  it('follows aliases and nested paths, keeps the first message per field', () => {
    const f = form();
    applyApiErrors(
      f,
      {
        details: [
          { field: 'providerId', code: 'isUuid', message: 'Organización no válida.' },
          { field: 'indicators.0.name', code: 'minLength', message: 'Nombre corto.' },
          { field: 'indicators.1.target', code: 'isDecimal', message: 'Meta no válida.' },
        ],
      },
      { providerId: 'provider' },
    );
    expect(f.controls.provider.errors).toEqual({ server: 'Organización no válida.' });
    expect(f.controls.indicators.errors).toEqual({ server: 'Nombre corto.' });
  });

  it('returns the messages no field can show', () => {
    const f = form();
    const rest = applyApiErrors(f, {
      details: [{ field: 'If-Match', code: 'matches', message: 'Versión no válida.' }],
    });
    expect(rest).toEqual(['Versión no válida.']);
  });

  it('clears the server message once the user edits the field', () => {
    const f = form();
    applyApiErrors(f, { details: [{ field: 'amount', code: 'isMoney', message: 'No.' }] });
    f.controls.amount.setValue('1500');
    expect(f.controls.amount.errors).toBeNull();
  });
});
