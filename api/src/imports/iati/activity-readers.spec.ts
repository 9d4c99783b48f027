import { activityDates, activityTexts, readActionRow, sectorsAndGoals } from './activity-readers';
import { activityOf } from './fixtures.test';

describe('activity readers', () => {
  it('never passes another language off as Spanish', () => {
    const a = activityOf(
      `<title><narrative>Urban Mobility Loan</narrative><narrative xml:lang="es">Préstamo</narrative></title>
       <description><narrative xml:lang="de">Beschreibung</narrative></description>
       <description type="2"><narrative>Goals</narrative></description>`,
    );
    expect(activityTexts(a)).toEqual({
      title_es: 'Préstamo',
      title_en: 'Urban Mobility Loan',
      summary_es: '[de] Beschreibung',
      summary_en: null,
      objectives: 'Goals',
    });
  });

  it('status and dates; actual dates by day', () => {
    const a = activityOf(
      `<activity-status code="2"/><activity-date type="1" iso-date="2020-01-01"/><activity-date type="2" iso-date="2020-02-03"/>`,
    );
    expect(activityDates(a)).toMatchObject({
      status: 'implementation',
      planned_start: '2020-01-01',
      actual_start: '2020-02-03',
      actual_start_precision: 'day',
      actual_end: null,
    });
  });

  it('SDG sectors and tags become goals, other sectors themes', () => {
    const a = activityOf(
      `<sector vocabulary="1" code="21020"/><sector vocabulary="7" code="11"/><sector vocabulary="99" code="movilidad"/>
       <tag vocabulary="3" code="11.2"/><tag vocabulary="2" code="13"/><tag vocabulary="1" code="x"/>`,
    );
    expect(sectorsAndGoals(a.node)).toEqual({ themes: ['dac-21020', 'movilidad'], sdgs: [11, 13] });
    readActionRow(a);
    expect(a.ctx.tables.actions[0].values).toMatchObject({
      code: 'XM-1',
      themes: ['dac-21020', 'movilidad'],
      sdgs: [11, 13],
      source: 'IATI XM-1 · Bank',
    });
  });
});
