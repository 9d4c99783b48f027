import { inputOf, storedOf } from './fixtures.test';
import type { Org } from './organisation-book';
import { PlanContext } from './plan-context';

const org = (o: Partial<Org>): Org => ({
  id: o.id ?? `id-${o.name}`,
  slug: o.slug ?? String(o.name).toLowerCase(),
  name: String(o.name),
  acronym: null,
  type: 'other',
  country: null,
  iati_ref: null,
  ...o,
});
const at = { file: 'f', row: 2 };
const book = (orgs: Org[]) => {
  const ctx = new PlanContext(inputOf({}), storedOf({ organisations: orgs }));
  return { ctx, orgs: ctx.organisations };
};

describe('OrganisationBook', () => {
  it('finds by ref first, and never takes an organisation with another ref by its name', () => {
    const { orgs, ctx } = book([
      org({ name: 'GIZ', iati_ref: 'DE-1' }),
      org({ name: 'Banco Mundial', id: 'wb' }),
    ]);
    expect(orgs.orgFor(at, 'organisation', { name: 'Otro nombre', ref: 'DE-1' })).toBe('id-GIZ');
    // Same name as a ref-less organisation, without case or accents: the same one (it gains the ref).
    expect(orgs.orgFor(at, 'organisation', { name: 'BANCO MUNDIÁL', ref: 'XM-9' })).toBe('wb');
    expect(ctx.updates.organisations[0].changes).toEqual(['iati_ref']);
    // A ref-holding organisation is not taken for a name with another ref: a new one.
    const created = orgs.orgFor(at, 'organisation', { name: 'GIZ', ref: 'DE-2' });
    expect(created).not.toBe('id-GIZ');
    expect(ctx.inserts.organisations).toEqual([
      expect.objectContaining({ id: created, name: 'GIZ', iati_ref: 'DE-2', slug: 'giz-2' }),
    ]);
    expect(ctx.rows.map((r) => r.outcome)).toEqual(['update', 'create']);
  });

  it('creates an unknown organisation once, with the IATI type as its default', () => {
    const { orgs, ctx } = book([]);
    const want = { name: 'Ciudad de Hamburgo', defaults: { type: 'subnational_government' } };
    const a = orgs.orgFor(at, 'organisation', want);
    expect(orgs.orgFor({ ...at, row: 3 }, 'provider', { name: 'ciudad de hamburgo' })).toBe(a);
    expect(ctx.inserts.organisations).toHaveLength(1);
    expect(ctx.inserts.organisations[0]).toMatchObject({ type: 'subnational_government' });
    expect(orgs.orgFor(at, 'organisation', {})).toBeNull();
  });

  it('updates what rows state about a known organisation, and refuses two rows that disagree', () => {
    const { orgs, ctx } = book([org({ name: 'GIZ', id: 'giz' })]);
    orgs.orgFor(at, 'organisation', { name: 'GIZ', attrs: { acronym: 'GIZ', country: 'DE' } });
    expect(ctx.updates.organisations).toEqual([
      expect.objectContaining({ changes: ['acronym', 'country'] }),
    ]);
    orgs.orgFor({ ...at, row: 5 }, 'organisation', { name: 'GIZ', attrs: { country: 'MX' } });
    expect(ctx.issues).toEqual([
      expect.objectContaining({
        code: 'organisation_conflict',
        location: { file: 'f', row: 5, column: 'organisation' },
        value: 'MX',
      }),
    ]);
  });
});
