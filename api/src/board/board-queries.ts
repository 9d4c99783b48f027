import { TODAY_SQL } from '../common/calendar-sql';

/** A pending agreement (open or in progress) past its due date, in the institute's calendar. */
export const AGREEMENT_OVERDUE_SQL = `(g.status IN ('open', 'in_progress') AND g.due_date < ${TODAY_SQL})`;

/** An agreement `g` of session `s` with its latest note `n` (see LATEST_NOTE), as BoardAgreementDto. */
export const AGREEMENT_COLUMNS = `g.id, g.institute_id AS "instituteId", g.session_id AS "sessionId", s.title AS "sessionTitle",
  to_char(s.held_on, 'YYYY-MM-DD') AS "sessionHeldOn", g.code, g.text, g.responsible,
  to_char(g.due_date, 'YYYY-MM-DD') AS "dueDate", g.status, g.version, g.created_at AS "createdAt", g.updated_at AS "updatedAt",
  CASE WHEN n.id IS NULL THEN NULL ELSE json_build_object('id', n.id, 'notedOn', to_char(n.noted_on, 'YYYY-MM-DD'), 'status', n.status, 'text', n.text) END AS "latestNote"`;

export const LATEST_NOTE = `LEFT JOIN LATERAL (
  SELECT * FROM board_agreement_notes bn WHERE bn.agreement_id = g.id ORDER BY bn.noted_on DESC, bn.created_at DESC LIMIT 1
) n ON TRUE`;
