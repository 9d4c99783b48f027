import type { EntityManager } from 'typeorm';
import type { ImportInput, InputTableName } from '../import-model';
import { Rec, selectList } from './db-columns';
import type { Org } from './organisation-book';
import { goodRows, type StoredRecords } from './plan-context';

/** The ids a file gives the rows of a table (rows without problems). */
const fileIds = (input: ImportInput, table: InputTableName) =>
  goodRows(input)(table)
    .map((r) => r.values.id)
    .filter(Boolean) as string[];

/** Every action code a file names (actions and parts). */
function codesOf(input: ImportInput): string[] {
  const codes = new Set<string>();
  for (const t of input.tables)
    for (const r of t.rows) {
      const c = (r.values.code ?? r.values.action_code) as string | undefined;
      if (c) codes.add(c);
    }
  return [...codes];
}

/**
 * Reads what the database holds that a file may touch (inside the caller's transaction, one
 * query after the other): every organisation, the actions the file names by code or id, and
 * their parts (plus parts the file names by id), in creation order.
 */
export async function loadStored(m: EntityManager, input: ImportInput): Promise<StoredRecords> {
  const organisations: Org[] = await m.query(
    `SELECT ${selectList('organisations', 'o')} FROM organisations o ORDER BY o.created_at, o.id`,
  );
  const actions: Rec[] = await m.query(
    `SELECT ${selectList('actions', 'a')} FROM actions a WHERE a.code = ANY($1::text[]) OR a.id = ANY($2::uuid[])`,
    [codesOf(input), fileIds(input, 'actions')],
  );
  const known = actions.map((a) => a.id as string);
  const parts = (
    t: 'participations' | 'funding' | 'milestones' | 'results' | 'document_links',
  ): Promise<Rec[]> =>
    m.query(
      `SELECT ${selectList(t, 'x')} FROM ${t} x WHERE x.action_id = ANY($1::uuid[]) OR x.id = ANY($2::uuid[]) ORDER BY x.created_at, x.id`,
      [known, fileIds(input, t)],
    );
  const participations = await parts('participations');
  const funding = await parts('funding');
  const milestones = await parts('milestones');
  const results = await parts('results');
  const indicators: Rec[] = await m.query(
    `SELECT ${selectList('indicators', 'x')}, r.action_id AS _action_id FROM indicators x JOIN results r ON r.id = x.result_id
      WHERE r.action_id = ANY($1::uuid[]) OR x.id = ANY($2::uuid[]) ORDER BY x.created_at, x.id`,
    [known, fileIds(input, 'indicators')],
  );
  const documentLinks = await parts('document_links');
  return {
    organisations,
    actions,
    participations,
    funding,
    milestones,
    results,
    indicators,
    document_links: documentLinks,
  };
}
