import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-scope';
import type { AuthUser } from '../auth/auth-user';
import { TODAY_SQL } from '../common/calendar-sql';
import { scopedActions } from './dashboard-sql';
import type { MilestoneItemDto, MilestonesDto, MilestonesQueryDto } from './dto/dashboard.dto';

export async function milestonesDue(
  db: EntityManager,
  query: MilestonesQueryDto,
  user: Pick<AuthUser, 'role' | 'organisationId'>,
): Promise<MilestonesDto> {
  const window = query.window ?? 90;
  const limit = query.limit ?? 100;
  const params = new SqlParams();
  const scope = scopedActions(query, user, params);
  const w = params.add(window);
  const l = params.add(limit);
  const rows: (MilestoneItemDto & { list: string; total: number; asOf: string })[] = await db.query(
    `WITH ${scope},
     open AS (
       SELECT m.id, m.type, m.title, m.planned_date, m.action_id, sa.code, a.title_es,
              CASE WHEN m.planned_date < ${TODAY_SQL} THEN 'overdue' ELSE 'upcoming' END AS list
         FROM milestones m JOIN sa ON sa.id = m.action_id JOIN actions a ON a.id = m.action_id
        WHERE m.actual_date IS NULL AND m.planned_date <= ${TODAY_SQL} + ${w}::int
     ),
     ranked AS (
       SELECT open.*, count(*) OVER (PARTITION BY list)::int AS total,
              row_number() OVER (PARTITION BY list ORDER BY planned_date, id) AS rn
         FROM open
     )
     SELECT id, type, title, to_char(planned_date, 'YYYY-MM-DD') AS "plannedDate",
            (planned_date - ${TODAY_SQL})::int AS "daysFromToday", action_id AS "actionId",
            code AS "actionCode", title_es AS "actionTitle", list, total,
            to_char(${TODAY_SQL}, 'YYYY-MM-DD') AS "asOf"
       FROM ranked WHERE rn <= ${l}::int
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'none', 0, to_char(${TODAY_SQL}, 'YYYY-MM-DD')
     ORDER BY "plannedDate"`,
    params.values,
  );
  const strip = ({
    list: _list,
    total: _total,
    asOf: _asOf,
    ...item
  }: (typeof rows)[number]): MilestoneItemDto => item;
  const upcoming = rows.filter((r) => r.list === 'upcoming');
  const overdue = rows.filter((r) => r.list === 'overdue');
  return {
    asOf: rows[rows.length - 1]?.asOf ?? rows[0].asOf,
    window,
    upcomingCount: upcoming[0]?.total ?? 0,
    overdueCount: overdue[0]?.total ?? 0,
    upcoming: upcoming.map(strip),
    overdue: overdue.map(strip),
  };
}
