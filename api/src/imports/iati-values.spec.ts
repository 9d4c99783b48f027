import { nameKey, PositionKeys, readAmount, readIndicatorNumber, usableRef } from './iati-values';

describe('IATI values', () => {
  it('reads signed amounts and rounds beyond cents', () => {
    expect(readAmount('1500')).toEqual({ amount: '1500.00', rounded: false });
    expect(readAmount('-250000.5')).toEqual({ amount: '-250000.50', rounded: false });
    expect(readAmount('+12.345')).toEqual({ amount: '12.35', rounded: true });
    expect(readAmount('-0.001')).toEqual({ amount: '0.00', rounded: true });
    expect(readAmount('0.100')).toEqual({ amount: '0.10', rounded: false });
    expect(readAmount('1,000')).toHaveProperty('error');
    expect(readAmount('')).toHaveProperty('error');
  });

  it('reads indicator numbers only when unambiguous', () => {
    expect(readIndicatorNumber('12')).toBe('12');
    expect(readIndicatorNumber('-3.5')).toBe('-3.5');
    expect(readIndicatorNumber('130,000.00')).toBe('130000.00');
    expect(readIndicatorNumber('72,0000')).toBeNull();
    expect(readIndicatorNumber('1.234,5')).toBeNull();
    expect(readIndicatorNumber('Yes')).toBeNull();
    expect(readIndicatorNumber('50%')).toBeNull();
  });

  it('treats placeholder refs as absent', () => {
    for (const r of ['N/A', 'n/a', '-', '0', '', ' ', 'none', '--'])
      expect(usableRef(r)).toBeUndefined();
    expect(usableRef(' XM-DAC-5-7 ')).toBe('XM-DAC-5-7');
  });

  it('compares names without case or accents', () => {
    expect(nameKey('  Secretaría  de Medio Ambiente')).toBe(
      nameKey('SECRETARIA DE MEDIO AMBIENTE'),
    );
  });

  it('numbers equal keys in file order', () => {
    const keys = new PositionKeys();
    expect(['a', 'b', 'a', 'a'].map((k) => keys.next(k))).toEqual(['a#1', 'b#1', 'a#2', 'a#3']);
  });
});
