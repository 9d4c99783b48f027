import { readIati } from './iati-import';
import { planStored, PLANNERS } from './import-engine';
import type { Rec } from './plan/db-columns';
import { storedOf } from './plan/fixtures.test';
import type { Org } from './plan/organisation-book';
import type { PlanResult, StoredRecords } from './plan/plan-context';

const xml = (transactions: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="USD">
<iati-identifier>XM-BANK-1</iati-identifier>
<reporting-org ref="XM-BANK" type="40"><narrative>Bank</narrative></reporting-org>
<title><narrative>Loan</narrative></title>
<participating-org ref="N/A" role="4"><narrative>Ciudad</narrative></participating-org>
${transactions}
<result type="1"><title><narrative>Roads</narrative></title>
 <indicator measure="1"><title><narrative>km</narrative></title><baseline year="2020" value="Yes"/></indicator>
 <indicator measure="1"><title><narrative>km</narrative></title><baseline year="2020" value="3"/></indicator>
</result>
</iati-activity></iati-activities>`);
const tx = (code: string, value: string, date: string) =>
  `<transaction><transaction-type code="${code}"/><transaction-date iso-date="${date}"/><value value-date="${date}">${value}</value></transaction>`;

/** What the database would hold after applying `plan` on top of `before`. */
function applied(before: StoredRecords, plan: PlanResult): StoredRecords {
  const gone = (t: keyof PlanResult['deletes']) => new Set(plan.deletes[t].map((r) => r.id));
  const next = (
    t: 'actions' | 'participations' | 'funding' | 'milestones' | 'results' | 'document_links',
  ) => [
    ...before[t]
      .filter((r) => !gone(t).has(r.id))
      .map((r) => plan.updates[t].find((u) => u.after.id === r.id)?.after ?? r),
    ...plan.inserts[t],
  ];
  const results = next('results');
  const actionOf = (r: Rec) => results.find((x) => x.id === r.result_id)?.action_id;
  return {
    organisations: [...before.organisations, ...(plan.inserts.organisations as unknown as Org[])],
    actions: next('actions'),
    participations: next('participations'),
    funding: next('funding'),
    milestones: next('milestones'),
    results,
    indicators: [
      ...before.indicators.filter((r) => !gone('indicators').has(r.id)),
      ...plan.inserts.indicators,
    ].map((r) => ({ ...r, _action_id: actionOf(r) })),
    document_links: next('document_links'),
  };
}

describe('planStored (the planners in order, on plain stored records)', () => {
  it('runs one planner per kind of record', () => {
    expect(PLANNERS).toHaveLength(8);
  });

  it('a file planned twice: everything unchanged the second time; republished without a transaction: it is deleted', () => {
    const file = xml(
      tx('2', '1000', '2024-01-01') + tx('3', '-50', '2024-02-01') + tx('3', '400', '2024-02-01'),
    );
    const first = planStored(readIati('a.xml', file, '2026-01-01'), storedOf());
    // 2 organisations (the bank, the city), the action, 2 participations, 3 transactions, 1 result, 2 indicators.
    expect(first.issues).toEqual([]);
    expect(first.counts).toEqual({ create: 11, update: 0, unchanged: 0, delete: 0 });
    const db = applied(storedOf(), first);
    const again = planStored(readIati('a.xml', file, '2026-01-01'), db);
    // Known organisations give no row of their own.
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 9, delete: 0 });

    const corrected = xml(tx('2', '1000', '2024-01-01') + tx('3', '-60', '2024-02-01'));
    const third = planStored(readIati('a.xml', corrected, '2026-01-01'), db);
    expect(third.rows.filter((r) => r.table === 'funding').map((r) => r.outcome)).toEqual([
      'unchanged',
      'update',
      'delete',
    ]);
    expect(third.deletes.funding.map((r) => r.amount)).toEqual(['400.00']);
  });
});
