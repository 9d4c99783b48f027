import type { AuthUser } from '../auth/auth-user';
import { allWordsLike, partnerScope, SqlParams } from '../common/sql-scope';
import type { ActionFilterDto } from './dto/action-filter.dto';

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
  const scope = partnerScope(user, params, alias);
  if (scope) where.push(scope);
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
  if (filter.partnerType?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM participations tp JOIN organisations tpo ON tpo.id = tp.organisation_id
                WHERE tp.action_id = ${alias}.id AND tpo.type = ANY(${params.add(filter.partnerType)}::text[]))`,
    );
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
