import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { SqlParams } from '../common/sql-scope';
import { scopedActions, unconvertedSql } from './dashboard-sql';
import type {
  UnconvertedItemDto,
  UnconvertedPageDto,
  UnconvertedQueryDto,
} from './dto/dashboard.dto';

/** The records left out of the converted figures, a page at a time. */
export async function unconvertedPage(
  db: EntityManager,
  query: UnconvertedQueryDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
): Promise<UnconvertedPageDto> {
  const currency = query.currency ?? 'MXN';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const params = new SqlParams();
  const scope = scopedActions(query, user, params);
  const figure = query.figure ? `cls = ${params.add(query.figure)}` : null;
  const sql = unconvertedSql(
    scope,
    currency,
    figure,
    params.add(pageSize),
    params.add((page - 1) * pageSize),
  );
  const rows: (UnconvertedItemDto & { totalCount: number })[] = await db.query(sql, params.values);
  let total = rows[0]?.totalCount ?? 0;
  if (!rows.length && page > 1) {
    const again = await unconvertedPage(db, { ...query, page: 1, pageSize: 1 }, user);
    total = again.total;
  }
  return {
    currency,
    items: rows.map(({ totalCount: _total, ...item }) => item),
    total,
    page,
    pageSize,
  };
}
