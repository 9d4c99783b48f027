import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { actionConditions } from '../actions/action-filters';
import { SqlParams } from '../common/sql-scope';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors';
import { TODAY_SQL } from '../common/calendar-sql';
import { NotificationDto, NotificationsDto } from './dto/notification.dto';

/** Upcoming = due within this many days (today included). */
export const UPCOMING_WINDOW_DAYS = 7;
/** The most items one list returns (the counts are always complete). */
const MAX_ITEMS = 200;

export type NotificationScope = 'responsible' | 'portfolio' | 'organisation';

/**
 * Whose milestones a user follows: staff the actions they are responsible for, directors and
 * admins the whole portfolio, partners their organisation's actions.
 */
export function scopeOf(user: Pick<AuthUser, 'role'>): NotificationScope {
  if (user.role === 'partner') return 'organisation';
  if (user.role === 'staff') return 'responsible';
  return 'portfolio';
}

/** An open milestone that is overdue or due soon, with its action (one row per milestone). */
export interface OpenMilestoneRow {
  id: string;
  kind: 'overdue' | 'upcoming';
  milestoneType: string;
  milestoneTitle: string;
  dueDate: string;
  daysLate: number;
  daysLeft: number;
  actionId: string;
  actionCode: string;
  actionTitleEs: string;
  actionTitleEn: string | null;
  responsibleId: string | null;
  responsibleName: string | null;
}

/**
 * The SELECT of open milestones (no actual date) due before today + window, on live actions
 * (not archived, closed or cancelled), under `where` (conditions on actions `a`).
 */
export function openMilestonesSql(where: string, extraColumns = '', extraJoins = ''): string {
  return `SELECT m.id, CASE WHEN m.planned_date < t.d THEN 'overdue' ELSE 'upcoming' END AS kind,
        m.type AS "milestoneType", m.title AS "milestoneTitle",
        to_char(m.planned_date, 'YYYY-MM-DD') AS "dueDate",
        greatest(t.d - m.planned_date, 0)::int AS "daysLate",
        greatest(m.planned_date - t.d, 0)::int AS "daysLeft",
        a.id AS "actionId", a.code AS "actionCode", a.title_es AS "actionTitleEs",
        a.title_en AS "actionTitleEn", a.responsible_id AS "responsibleId", u.name AS "responsibleName"
        ${extraColumns}
   FROM milestones m
   JOIN actions a ON a.id = m.action_id
   CROSS JOIN (SELECT ${TODAY_SQL} AS d) t
   LEFT JOIN users u ON u.id = a.responsible_id
   ${extraJoins}
  WHERE m.actual_date IS NULL AND m.planned_date <= t.d + ${UPCOMING_WINDOW_DAYS}
    AND a.archived_at IS NULL AND (a.status IS NULL OR a.status NOT IN ('closed', 'cancelled'))
    AND ${where}`;
}

type Row = OpenMilestoneRow & { read: boolean; total: number; unread: number; overdue: number };

@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The scope conditions on actions `a` for `user`. */
  private scopeSql(user: AuthUser, params: SqlParams): string {
    switch (scopeOf(user)) {
      case 'organisation':
        return actionConditions({}, user, params);
      case 'responsible':
        return `a.responsible_id = ${params.add(user.id)}`;
      default:
        return 'TRUE';
    }
  }

  async list(user: AuthUser): Promise<NotificationsDto> {
    const params = new SqlParams();
    const me = params.add(user.id);
    // A stored mark holds only for the kind and due date it was set on.
    const current = `(s.kind = CASE WHEN m.planned_date < t.d THEN 'overdue' ELSE 'upcoming' END AND s.planned_date = m.planned_date)`;
    const sql = `WITH items AS (
        ${openMilestonesSql(
          `${this.scopeSql(user, params)} AND NOT coalesce(${current} AND s.dismissed_at IS NOT NULL, false)`,
          `, coalesce(${current} AND s.read_at IS NOT NULL, false) AS read, m.planned_date AS due`,
          `LEFT JOIN notification_states s ON s.user_id = ${me} AND s.milestone_id = m.id`,
        )}
      )
      SELECT i.*, count(*) OVER ()::int AS total,
             (count(*) FILTER (WHERE NOT i.read) OVER ())::int AS unread,
             (count(*) FILTER (WHERE i.kind = 'overdue') OVER ())::int AS overdue
        FROM items i
       ORDER BY i.kind = 'upcoming', i.due, i."actionCode", i.id
       LIMIT ${MAX_ITEMS}`;
    const [rows, [{ today }]]: [Row[], { today: string }[]] = await Promise.all([
      this.dataSource.query(sql, params.values),
      this.dataSource.query(`SELECT to_char(${TODAY_SQL}, 'YYYY-MM-DD') AS today`),
    ]);
    const first = rows[0];
    return {
      items: rows.map(
        (r): NotificationDto => ({
          id: r.id,
          kind: r.kind,
          milestoneType: r.milestoneType,
          milestoneTitle: r.milestoneTitle,
          dueDate: r.dueDate,
          daysLate: r.daysLate,
          daysLeft: r.daysLeft,
          actionId: r.actionId,
          actionCode: r.actionCode,
          actionTitleEs: r.actionTitleEs,
          actionTitleEn: r.actionTitleEn,
          responsibleName: r.responsibleName,
          read: r.read,
        }),
      ),
      unreadCount: first?.unread ?? 0,
      overdueCount: first?.overdue ?? 0,
      upcomingCount: first ? first.total - first.overdue : 0,
      windowDays: UPCOMING_WINDOW_DAYS,
      scope: scopeOf(user),
      today,
    };
  }

  /** Marks notifications read (the listed ids, or all listed). Unknown ids: 404, nothing changes. */
  async markRead(
    user: AuthUser,
    ids: string[] | undefined,
    all: boolean,
  ): Promise<NotificationsDto> {
    return this.setState(user, all ? undefined : (ids ?? []), 'read_at');
  }

  async dismiss(user: AuthUser, ids: string[]): Promise<NotificationsDto> {
    return this.setState(user, ids, 'dismissed_at');
  }

  private async setState(
    user: AuthUser,
    ids: string[] | undefined,
    column: 'read_at' | 'dismissed_at',
  ): Promise<NotificationsDto> {
    await this.dataSource.transaction(async (m) => {
      const params = new SqlParams();
      const where = this.scopeSql(user, params);
      const idFilter = ids ? ` AND m.id = ANY(${params.add(ids)}::uuid[])` : '';
      const current: { id: string; kind: string; dueDate: string }[] = await m.query(
        `${openMilestonesSql(where + idFilter)}`,
        params.values,
      );
      const found = new Set(current.map((r) => r.id));
      const missing = (ids ?? []).filter((id) => !found.has(id));
      if (missing.length) {
        throw new AppError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', {
          ids: missing,
        });
      }
      if (!current.length) return;
      // A new kind or due date starts afresh: the other flag is cleared.
      const other = column === 'read_at' ? 'dismissed_at' : 'read_at';
      await m.query(
        `INSERT INTO notification_states (user_id, milestone_id, kind, planned_date, ${column})
         SELECT $1, x.id, x.kind, x.due::date, now()
           FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, kind, due)
         ON CONFLICT (user_id, milestone_id) DO UPDATE
            SET ${column} = coalesce(CASE WHEN notification_states.kind = EXCLUDED.kind
                                            AND notification_states.planned_date = EXCLUDED.planned_date
                                          THEN notification_states.${column} END, now()),
                ${other} = CASE WHEN notification_states.kind = EXCLUDED.kind
                                 AND notification_states.planned_date = EXCLUDED.planned_date
                               THEN notification_states.${other} END,
                kind = EXCLUDED.kind, planned_date = EXCLUDED.planned_date, updated_at = now()`,
        [
          user.id,
          current.map((r) => r.id),
          current.map((r) => r.kind),
          current.map((r) => r.dueDate),
        ],
      );
    });
    return this.list(user);
  }
}
