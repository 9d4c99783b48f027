import { activityOf } from './fixtures.test';
import { readParticipations } from './participation-readers';

describe('readParticipations', () => {
  it('the reporting org, then participating orgs by role; placeholder refs are no refs', () => {
    const a = activityOf(
      `<participating-org ref="N/A" role="4" type="11"><narrative>Ciudad</narrative></participating-org>
       <participating-org ref="N/A" role="4"><narrative>Ciudad</narrative></participating-org>
       <participating-org role="9"><narrative>Rara</narrative></participating-org>
       <participating-org role="1"/>`,
    );
    readParticipations(a);
    expect(
      a.ctx.tables.participations.map((r) => [
        r.values.organisation,
        r.values.role,
        r.values._organisation_ref,
        r.values._import_key,
      ]),
    ).toEqual([
      ['Bank', 'reporting', 'XM-BANK', 'participation|reporting#1'],
      ['Ciudad', 'implementing', undefined, 'participation|ciudad|implementing#1'],
      ['Ciudad', 'implementing', undefined, 'participation|ciudad|implementing#2'],
    ]);
    expect(a.ctx.warnings.map((w) => w.code)).toEqual(['skipped_role', 'skipped_org']);
  });

  it('our own export read back adds no reporting organisation', () => {
    const a = { ...activityOf(''), own: true };
    readParticipations(a);
    expect(a.ctx.tables.participations).toEqual([]);
  });
});
