import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-scope';
import type { AuthUser } from '../auth/auth-user';
import { TODAY_SQL } from '../common/calendar-sql';
import { scopedActions } from './dashboard-sql';
import type { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { MilestoneItemDto, MilestonesDto, MilestonesQueryDto } from './dto/dashboard.dto';

/** One listed milestone, or (list `none`) the counts and the day. */
type MilestoneRow = MilestoneItemDto & {
  list: 'overdue' | 'upcoming' | 'none';
  overdueCount: number;
  upcomingCount: number;
  asOf: string;
};

/**
 * Open milestones due within `window` days and those overdue, `limit` of each, soonest first.
 * Each list walks the open milestones' index in date order and stops at `limit`; the counts
 * read the open ones within the window (an index-only scan: migration IndexOpenMilestones).
 */
export async function milestonesDue(
  db: EntityManager,
  query: MilestonesQueryDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
): Promise<MilestonesDto> {
  const window = query.window ?? 90;
  const params = new SqlParams();
  const scope = scopedActions(query, user, params, true);
  const w = params.add(window);
  const l = params.add(query.limit ?? 100);
  const open = `FROM milestones m JOIN sa ON sa.id = m.action_id WHERE m.actual_date IS NULL`;
  const list = (name: string, dates: string) =>
    `(SELECT m.id, m.type, m.title, m.planned_date, m.action_id, '${name}' AS list
        ${open} AND ${dates} ORDER BY m.planned_date, m.id LIMIT ${l}::int)`;
  const rows: MilestoneRow[] = await db.query(
    `WITH ${scope},
     items AS (${list('overdue', `m.planned_date < ${TODAY_SQL}`)}
               UNION ALL
               ${list('upcoming', `m.planned_date >= ${TODAY_SQL} AND m.planned_date <= ${TODAY_SQL} + ${w}::int`)})
     SELECT i.id, i.type, i.title, to_char(i.planned_date, 'YYYY-MM-DD') AS "plannedDate",
            (i.planned_date - ${TODAY_SQL})::int AS "daysFromToday", i.action_id AS "actionId",
            a.code AS "actionCode", a.title_es AS "actionTitle", i.list,
            0 AS "overdueCount", 0 AS "upcomingCount", NULL AS "asOf"
       FROM items i JOIN actions a ON a.id = i.action_id
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'none',
            count(*) FILTER (WHERE m.planned_date < ${TODAY_SQL})::int,
            count(*) FILTER (WHERE m.planned_date >= ${TODAY_SQL})::int,
            to_char(${TODAY_SQL}, 'YYYY-MM-DD')
       ${open} AND m.planned_date <= ${TODAY_SQL} + ${w}::int
     ORDER BY "plannedDate", id`,
    params.values,
  );
  const strip = ({
    list: _list,
    overdueCount: _o,
    upcomingCount: _u,
    asOf: _asOf,
    ...item
  }: MilestoneRow): MilestoneItemDto => item;
  // The counts' row is always there: an aggregate without GROUP BY answers one row.
  const counts = rows.find((r) => r.list === 'none') ?? rows[rows.length - 1];
  return {
    asOf: counts.asOf,
    window,
    upcomingCount: counts.upcomingCount,
    overdueCount: counts.overdueCount,
    upcoming: rows.filter((r) => r.list === 'upcoming').map(strip),
    overdue: rows.filter((r) => r.list === 'overdue').map(strip),
  };
}

/** Open milestones past their planned date in scope (the summary's figure), and the day. */
export async function overdueMilestones(
  db: EntityManager,
  query: ActionFilterDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
): Promise<{ count: number; asOf: string }> {
  const params = new SqlParams();
  const [row]: { count: number; asOf: string }[] = await db.query(
    `WITH ${scopedActions(query, user, params, true)}
     SELECT (SELECT count(*)::int FROM milestones m JOIN sa ON sa.id = m.action_id
              WHERE m.actual_date IS NULL AND m.planned_date < ${TODAY_SQL}) AS count,
            to_char(${TODAY_SQL}, 'YYYY-MM-DD') AS "asOf"`,
    params.values,
  );
  return row;
}
