import { DEFAULT_SCHEME, schemeProblems, weightSum } from './progress-settings.model';

describe('progress settings rules', () => {
  it('accepts the defaults of the board minutes', () => {
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
    expect(weightSum(DEFAULT_SCHEME.stages.map((s) => s.weight))).toBe(100);
  });

  it('says how much the weights add up to when they do not make 100', () => {
    const scheme = {
      ...DEFAULT_SCHEME,
      stages: DEFAULT_SCHEME.stages.map((s) => ({ ...s, weight: 30 })),
    };
    expect(schemeProblems(scheme)).toEqual(['Los pesos deben sumar 100 % (suman 150 %).']);
  });

  it('refuses levels out of order, not starting at 0, unnamed or with a bad colour', () => {
    const levels = [...DEFAULT_SCHEME.levels].reverse();
    expect(schemeProblems({ ...DEFAULT_SCHEME, levels })).toHaveLength(2);
    expect(
      schemeProblems({
        ...DEFAULT_SCHEME,
        levels: [{ min: 0, labelEs: ' ', labelEn: 'x', colour: 'red' }],
      }),
    ).toEqual([
      'Cada nivel lleva su nombre en español e inglés.',
      'Los colores se escriben #rrggbb, p. ej. #2e7d32.',
    ]);
  });

  it('counts empty weights as 0 and flags them', () => {
    expect(weightSum([10, null, 90])).toBe(100);
    const stages = DEFAULT_SCHEME.stages.map((s, i) => ({
      ...s,
      weight: i === 0 ? 10.5 : s.weight,
    }));
    expect(schemeProblems({ ...DEFAULT_SCHEME, stages })[0]).toBe(
      'Cada peso es un número entero de 0 a 100.',
    );
  });
});
