import type { AuthUser } from '../auth/auth-user';
import type { ActionFilterDto } from './dto/action-filter.dto';

/** Collects positional parameters for raw SQL. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The words of a search box, each escaped for LIKE ("guadalajara  medellín" → two words). */
export const searchWords = (q: string | undefined): string[] =>
  (q ?? '').split(/\s+/).filter(Boolean).slice(0, 12).map(likeEscape);

/** Every word must occur in `column` (already folded), accents and case ignored. */
export function allWordsLike(column: string, q: string | undefined, params: SqlParams): string[] {
  return searchWords(q).map((w) => `${column} LIKE '%' || coopera_fold(${params.add(w)}) || '%'`);
}

/**
 * The WHERE conditions (joined with AND) for actions aliased `a`, including partner scoping:
 * a partner only ever sees actions their organisation takes part in, decided by the query.
 */
export function actionConditions(
  filter: ActionFilterDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
  params: SqlParams,
  alias = 'a',
): string {
  const where: string[] = [];
  if (user.role === 'partner') {
    where.push(
      `EXISTS (SELECT 1 FROM participations sp WHERE sp.action_id = ${alias}.id AND sp.organisation_id = ${params.add(user.organisationId)})`,
    );
  }
  if (!filter.archived || user.role === 'partner') where.push(`${alias}.archived_at IS NULL`);
  where.push(...allWordsLike(`${alias}.search_text`, filter.q, params));
  if (filter.id?.length) where.push(`${alias}.id = ANY(${params.add(filter.id)}::uuid[])`);
  if (filter.kind?.length) where.push(`${alias}.kind = ANY(${params.add(filter.kind)}::text[])`);
  if (filter.status?.length)
    where.push(`${alias}.status = ANY(${params.add(filter.status)}::text[])`);
  if (filter.modality?.length)
    where.push(`${alias}.modality = ANY(${params.add(filter.modality)}::text[])`);
  if (filter.theme?.length) where.push(`${alias}.themes && ${params.add(filter.theme)}::text[]`);
  if (filter.municipality?.length) {
    where.push(`${alias}.municipalities && ${params.add(filter.municipality)}::text[]`);
  }
  if (filter.sdg?.length) where.push(`${alias}.sdgs && ${params.add(filter.sdg)}::smallint[]`);
  if (filter.partner?.length || filter.role?.length) {
    const parts = [`fp.action_id = ${alias}.id`];
    if (filter.partner?.length)
      parts.push(`fp.organisation_id = ANY(${params.add(filter.partner)}::uuid[])`);
    if (filter.role?.length) parts.push(`fp.role = ANY(${params.add(filter.role)}::text[])`);
    where.push(`EXISTS (SELECT 1 FROM participations fp WHERE ${parts.join(' AND ')})`);
  }
  if (filter.yearFrom !== undefined) {
    where.push(
      `coalesce(${alias}.actual_end, ${alias}.planned_end, 'infinity'::date) >= make_date(${params.add(filter.yearFrom)}, 1, 1)`,
    );
  }
  if (filter.yearTo !== undefined) {
    where.push(
      `coalesce(${alias}.actual_start, ${alias}.planned_start, '-infinity'::date) <= make_date(${params.add(filter.yearTo)}, 12, 31)`,
    );
  }
  return where.length ? where.join(' AND ') : 'TRUE';
}
