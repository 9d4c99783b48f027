import { nameKey, PositionKeys, usableRef } from '../iati-values';
import { orgTypeOf, ROLE } from './iati-codes';
import { ActivityContext, addRow, at, warn } from './read-context';
import { attr, list, narratives, one } from './xml-nodes';

/** The reporting organisation: an organisation of the action in the role `reporting`. */
function readReportingOrg(a: ActivityContext): void {
  const reporting = one(a.node, 'reporting-org');
  const ref = usableRef(attr(reporting, 'ref'));
  const name = narratives(reporting, a.lang)[0]?.text ?? ref;
  if (!reporting || !name || a.own) return;
  addRow(
    a.ctx,
    'participations',
    at(a, 'reporting-org'),
    { action_code: a.code, organisation: name, role: 'reporting' },
    {
      _organisation_ref: ref,
      _organisation_type: orgTypeOf(attr(reporting, 'type')),
      _import_key: 'participation|reporting#1',
    },
  );
}

/**
 * The reporting organisation and every participating-org with a known role, matched by `@ref`
 * (never a placeholder such as `N/A`), then by name; keyed by ref (or name) and role.
 */
export function readParticipations(a: ActivityContext): void {
  readReportingOrg(a);
  const keys = new PositionKeys();
  list(a.node, 'participating-org').forEach((p, i) => {
    const role = ROLE[attr(p, 'role') ?? ''];
    const ref = usableRef(attr(p, 'ref'));
    const orgName = narratives(p, a.lang)[0]?.text ?? ref;
    const path = at(a, `participating-org[${i + 1}]`);
    if (!role) {
      warn(a, path, 'skipped_role', 'Unknown organisation role: not imported', attr(p, 'role'));
      return;
    }
    if (!orgName) {
      warn(a, path, 'skipped_org', 'The organisation has neither a ref nor a name: not imported');
      return;
    }
    addRow(
      a.ctx,
      'participations',
      path,
      { action_code: a.code, organisation: orgName, role },
      {
        _organisation_ref: ref,
        _organisation_type: orgTypeOf(attr(p, 'type')),
        _import_key: keys.next(`participation|${ref ?? nameKey(orgName)}|${role}`),
      },
    );
  });
}
