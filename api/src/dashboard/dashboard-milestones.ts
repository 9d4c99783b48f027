import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-scope';
import type { AuthUser } from '../auth/auth-user';
import { TODAY_SQL } from '../common/calendar-sql';
import { portfolioScope, scopedActions } from './dashboard-sql';
import type { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { MilestoneItemDto, MilestonesDto, MilestonesQueryDto } from './dto/dashboard.dto';

type User = Pick<AuthUser, 'role' | 'organisationId'>;

/** One listed milestone, or (list `none`) the counts and the day. */
type MilestoneRow = MilestoneItemDto & {
  list: 'overdue' | 'upcoming' | 'none';
  overdueCount: number;
  upcomingCount: number;
  asOf: string;
};

/**
 * Open milestones of the actions in scope: `{ with, open(dates) }`, where `open` is the FROM and
 * WHERE of the open milestones (aliased `m`) whose planned date meets `dates`. Over the whole
 * portfolio (the default view: every action but the archived ones) it leaves out the few
 * archived actions' milestones instead of joining every action in scope, so the open
 * milestones' index answers alone (an index-only scan: migration IndexOpenMilestones).
 */
function openMilestones(query: ActionFilterDto, user: User, params: SqlParams) {
  const whole = portfolioScope(query, user);
  const scope = whole ? null : scopedActions(query, user, params, true);
  const archived =
    whole === 'unarchived'
      ? ` AND m.action_id NOT IN (SELECT x.id FROM actions x WHERE x.archived_at IS NOT NULL)`
      : '';
  return {
    with: scope ? `WITH ${scope}` : '',
    open: (dates: string) =>
      `FROM milestones m ${scope ? 'JOIN sa ON sa.id = m.action_id' : ''}
      WHERE m.actual_date IS NULL AND ${dates}${archived}`,
  };
}

const OVERDUE = `m.planned_date < ${TODAY_SQL}`;

/**
 * Open milestones due within `window` days and those overdue, `limit` of each, soonest first,
 * and how many there are. Each list walks the open milestones' index in date order and stops
 * at `limit`.
 */
export async function milestonesDue(
  db: EntityManager,
  query: MilestonesQueryDto,
  user: User,
): Promise<MilestonesDto> {
  const window = query.window ?? 90;
  const params = new SqlParams();
  const scope = openMilestones(query, user, params);
  const w = params.add(window);
  const l = params.add(query.limit ?? 100);
  const upcoming = `m.planned_date >= ${TODAY_SQL} AND m.planned_date <= ${TODAY_SQL} + ${w}::int`;
  const list = (name: string, dates: string) =>
    `(SELECT m.id, m.type, m.title, m.planned_date, m.action_id, '${name}' AS list
        ${scope.open(dates)} ORDER BY m.planned_date, m.id LIMIT ${l}::int)`;
  const rows: MilestoneRow[] = await db.query(
    `${scope.with}
     SELECT i.id, i.type, i.title, to_char(i.planned_date, 'YYYY-MM-DD') AS "plannedDate",
            (i.planned_date - ${TODAY_SQL})::int AS "daysFromToday", i.action_id AS "actionId",
            a.code AS "actionCode", a.title_es AS "actionTitle", i.list,
            0 AS "overdueCount", 0 AS "upcomingCount", NULL AS "asOf"
       FROM (${list('overdue', OVERDUE)} UNION ALL ${list('upcoming', upcoming)}) i
       JOIN actions a ON a.id = i.action_id
     UNION ALL
     SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'none',
            (SELECT count(*)::int ${scope.open(OVERDUE)}),
            (SELECT count(*)::int ${scope.open(upcoming)}),
            to_char(${TODAY_SQL}, 'YYYY-MM-DD')
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
  // The counts' row is always there (a SELECT without FROM), and sorts last (no date).
  const counts = rows[rows.length - 1];
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
  user: User,
): Promise<{ count: number; asOf: string }> {
  const params = new SqlParams();
  const scope = openMilestones(query, user, params);
  const [row]: { count: number; asOf: string }[] = await db.query(
    `${scope.with}
     SELECT (SELECT count(*)::int ${scope.open(OVERDUE)}) AS count,
            to_char(${TODAY_SQL}, 'YYYY-MM-DD') AS "asOf"`,
    params.values,
  );
  return row;
}
