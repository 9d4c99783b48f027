import { activityOf } from './fixtures.test';
import { readResults } from './result-readers';

const indicator = (title: string, baseline: string, periods: string[][]) =>
  `<indicator measure="1"><title><narrative>${title}</narrative></title><baseline year="2020" value="${baseline}"/>` +
  periods
    .map(
      ([end, target, actual]) =>
        `<period><period-start iso-date="2021-01-01"/><period-end iso-date="${end}"/><target value="${target}"/><actual value="${actual}"/></period>`,
    )
    .join('') +
  `</indicator>`;

describe('readResults', () => {
  it('keeps indicator values as written, numbers only when unambiguous, the last period as target and actual', () => {
    const a = activityOf(
      `<result type="1"><title><narrative>Resultados intermedios</narrative></title>` +
        indicator('#', 'Yes', [
          ['2022-12-31', '130,000.00', '72,0000'],
          ['2021-12-31', '1', '2'],
        ]) +
        indicator('#', '3', []) +
        `</result><result type="1"><title><narrative>Resultados intermedios</narrative></title></result><result type="1"><title/></result>`,
    );
    readResults(a);
    expect(a.ctx.tables.results.map((r) => r.values._import_key)).toEqual([
      'result|resultados intermedios#1',
      'result|resultados intermedios#2',
    ]);
    const [first, second] = a.ctx.tables.indicators.map((r) => r.values);
    expect(first).toMatchObject({
      name: '#',
      baseline: null,
      baseline_text: 'Yes',
      baseline_date: '2020-01-01',
      target: '130000.00',
      target_date: '2022-12-31',
      actual: null,
      actual_text: '72,0000',
      _import_key: 'indicator|##1',
      _result_key: 'iati-activity[1]/result[1]',
    });
    expect(second).toMatchObject({ baseline: '3', _import_key: 'indicator|##2' });
    expect(a.ctx.warnings.map((w) => w.code)).toEqual([
      'indicator_text_value',
      'indicator_text_value',
    ]);
    expect(a.ctx.issues.map((i) => i.location.path)).toEqual(['iati-activity[1]/result[3]/title']);
  });
});
