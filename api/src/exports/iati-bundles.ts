import { DataSource } from 'typeorm';
import type { ActionBundle } from './iati-activity';

const ORG_JSON = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('name', ${alias}.name, 'acronym', ${alias}.acronym,
     'type', ${alias}.type, 'country', ${alias}.country, 'iatiRef', ${alias}.iati_ref) END`;

/** The parts of a batch of actions, as the IATI mapping needs them (one query per part). */
export async function loadBundles(dataSource: DataSource, ids: string[]): Promise<ActionBundle[]> {
  if (!ids.length) return [];
  const q = <T>(sql: string) => dataSource.query(sql, [ids]) as Promise<T[]>;
  const [actions, participations, funding, results, indicators, documents, instruments] =
    await Promise.all([
      q<ActionBundle & { id: string }>(
        `SELECT a.id, a.code, a.title_es AS "titleEs", a.title_en AS "titleEn", a.summary_es AS "summaryEs",
                  a.summary_en AS "summaryEn", a.objectives, a.status, a.institute_role AS "instituteRole", a.themes,
                  a.sdgs::int[] AS sdgs, to_char(a.planned_start, 'YYYY-MM-DD') AS "plannedStart",
                  to_char(a.planned_end, 'YYYY-MM-DD') AS "plannedEnd", to_char(a.actual_start, 'YYYY-MM-DD') AS "actualStart",
                  to_char(a.actual_end, 'YYYY-MM-DD') AS "actualEnd",
                  to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
                  ${ORG_JSON('i')} AS institute, a.iati
             FROM actions a LEFT JOIN organisations i ON i.id = a.institute_id
            WHERE a.id = ANY($1::uuid[]) ORDER BY a.code`,
      ),
      q<{ actionId: string }>(
        `SELECT p.action_id AS "actionId", p.role, o.name, o.acronym, o.type, o.country, o.iati_ref AS "iatiRef"
             FROM participations p JOIN organisations o ON o.id = p.organisation_id
            WHERE p.action_id = ANY($1::uuid[]) ORDER BY p.role, o.name, o.id`,
      ),
      q<{ actionId: string }>(
        `SELECT f.action_id AS "actionId", f.id, f.type, f.amount::text AS amount, f.currency,
                  to_char(f.value_date, 'YYYY-MM-DD') AS "valueDate", f.description,
                  f.iati_type AS "iatiType", f.ref, to_char(f.period_start, 'YYYY-MM-DD') AS "periodStart",
                  to_char(f.period_end, 'YYYY-MM-DD') AS "periodEnd", f.budget_type AS "budgetType",
                  f.budget_status AS "budgetStatus", f.iati,
                  ${ORG_JSON('pr')} AS provider, ${ORG_JSON('rc')} AS receiver
             FROM funding f LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id
            WHERE f.action_id = ANY($1::uuid[])
            ORDER BY f.value_date NULLS LAST, f.type, f.iati_type, f.ref, f.period_start, f.period_end, f.amount, pr.name, rc.name, f.id`,
      ),
      q<{ actionId: string; id: string }>(
        `SELECT action_id AS "actionId", id, statement FROM results
            WHERE action_id = ANY($1::uuid[])
            ORDER BY created_at, statement, length(import_key), import_key, id`,
      ),
      q<{ resultId: string }>(
        `SELECT n.result_id AS "resultId", n.id, n.name, n.unit, n.baseline::text AS baseline,
                  to_char(n.baseline_date, 'YYYY-MM-DD') AS "baselineDate", n.target::text AS target,
                  to_char(n.target_date, 'YYYY-MM-DD') AS "targetDate", n.actual::text AS actual,
                  to_char(n.actual_date, 'YYYY-MM-DD') AS "actualDate", n.baseline_text AS "baselineText",
                  n.target_text AS "targetText", n.actual_text AS "actualText", n.iati
             FROM indicators n JOIN results r ON r.id = n.result_id
            WHERE r.action_id = ANY($1::uuid[])
            ORDER BY n.created_at, n.name, length(n.import_key), n.import_key, n.id`,
      ),
      q<{ actionId: string }>(
        `SELECT action_id AS "actionId", id, title, url, result_id AS "resultId", iati FROM document_links
            WHERE action_id = ANY($1::uuid[]) ORDER BY created_at, (iati->>'position')::int, id`,
      ),
      q<{ actionId: string }>(
        `SELECT action_id AS "actionId", id, type, title, document_url AS "documentUrl" FROM legal_instruments
            WHERE action_id = ANY($1::uuid[]) ORDER BY signed_on NULLS LAST, title, id`,
      ),
    ]);
  const of = <T extends { actionId: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.actionId === id).map(({ actionId: _a, ...rest }) => rest);
  return actions.map((a) => ({
    ...a,
    participations: of(participations, a.id) as unknown as ActionBundle['participations'],
    funding: of(funding, a.id) as unknown as ActionBundle['funding'],
    results: of(results, a.id).map((r) => ({
      ...(r as unknown as { id: string; statement: string }),
      indicators: indicators
        .filter((n) => n.resultId === (r as { id: string }).id)
        .map(
          ({ resultId: _r, ...n }) => n,
        ) as unknown as ActionBundle['results'][number]['indicators'],
    })),
    documents: of(documents, a.id) as unknown as ActionBundle['documents'],
    instruments: of(instruments, a.id) as unknown as ActionBundle['instruments'],
  }));
}
