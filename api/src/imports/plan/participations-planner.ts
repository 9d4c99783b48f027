import type { Rec } from './db-columns';
import type { PartSpec } from './part-planner';
import type { PlanContext } from './plan-context';
import { pick } from './plan-util';

/**
 * Participations, step 1 (before the actions, as they carry the organisations' ids and
 * attributes): the organisation each row names, found or created, or a problem.
 */
export function planParticipationOrganisations(ctx: PlanContext): void {
  for (const r of ctx.rowsOf('participations')) {
    const v = r.values;
    if (!v.organisation) {
      ctx.issue(r.location, 'organisation', 'required', 'A value is required');
      ctx.participationOrg.set(r, null);
      continue;
    }
    const country = v.organisation_country as string | null | undefined;
    if (country && !/^[A-Z]{2}$/.test(country)) {
      const message = 'An ISO 3166 code such as MX';
      ctx.issue(r.location, 'organisation_country', 'invalid_country', message, country);
      ctx.participationOrg.set(r, null);
      continue;
    }
    const attrs: Rec = {};
    if ('organisation_acronym' in v) attrs.acronym = v.organisation_acronym;
    if ('organisation_type' in v && v.organisation_type) attrs.type = v.organisation_type;
    if ('organisation_country' in v) attrs.country = v.organisation_country;
    const org = ctx.organisations.orgFor(r.location, 'organisation', {
      id: v.organisation_id as string | undefined,
      name: v.organisation as string,
      ref: v._organisation_ref as string | undefined,
      attrs,
      defaults: v._organisation_type ? { type: v._organisation_type } : undefined,
    });
    ctx.participationOrg.set(r, org);
  }
}

/** Participations, step 2: one per organisation and role within an action. */
export const PARTICIPATIONS: PartSpec = {
  table: 'participations',
  parent: 'action_id',
  unique: true,
  build(ctx, r, actionId) {
    const org = ctx.participationOrg.get(r);
    if (!org) return null;
    if (!r.values.role) {
      ctx.issue(r.location, 'role', 'required', 'A value is required');
      return null;
    }
    return {
      values: { ...pick(r.values, ['role', 'notes']), organisation_id: org },
      parentId: actionId,
    };
  },
  natural: (v) => `${String(v.organisation_id)}|${String(v.role)}`,
  key: (v, r) =>
    `${String(r.values.action_code)} · ${String(r.values.organisation)} (${String(v.role)})`,
  deletedKey: (r) => `${String(r.role)} ${String(r.organisation_id)}`,
};
