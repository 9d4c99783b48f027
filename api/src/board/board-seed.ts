import { EntityManager } from 'typeorm';

export interface SeedBoardSession {
  institute: string;
  number: number;
  kind: string;
  year: number;
  date: string;
  title: string;
  agendaItems: { order: number; title: string; actionCodes: string[] }[];
  agreements: {
    code: string;
    text: string;
    responsible: string | null;
    dueDate: string | null;
    status: string;
    statusText: string | null;
    statusDate: string | null;
  }[];
}

/**
 * Loads the board sessions read from the minutes (inside the seed's transaction). Agreements
 * belong to the session whose minutes list them; their status text becomes a dated note.
 */
export async function loadBoardSessions(
  m: EntityManager,
  sessions: SeedBoardSession[],
  orgIds: Map<string, string>,
  actionIds: Map<string, string>,
): Promise<Record<string, number>> {
  const counts = { boardSessions: 0, boardAgendaItems: 0, boardAgreements: 0 };
  for (const s of sessions) {
    const institute = orgIds.get(s.institute);
    if (!institute)
      throw new Error(`Seed board session refers to unknown institute "${s.institute}"`);
    const [{ id }]: { id: string }[] = await m.query(
      `INSERT INTO board_sessions (institute_id, number, kind, year, held_on, title) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [institute, s.number, s.kind, s.year, s.date, s.title],
    );
    counts.boardSessions++;
    for (const item of s.agendaItems) {
      const ids = item.actionCodes.map((code) => {
        const actionId = actionIds.get(code);
        if (!actionId) throw new Error(`Seed agenda item refers to unknown action ${code}`);
        return actionId;
      });
      await m.query(
        `INSERT INTO board_agenda_items (session_id, position, title, action_ids) VALUES ($1, $2, $3, $4::uuid[])`,
        [id, item.order, item.title, ids],
      );
      counts.boardAgendaItems++;
    }
    for (const g of s.agreements) {
      const [agreement]: { id: string }[] = await m.query(
        `INSERT INTO board_agreements (institute_id, session_id, code, text, responsible, due_date, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [institute, id, g.code, g.text, g.responsible, g.dueDate, g.status],
      );
      counts.boardAgreements++;
      if (g.statusText)
        await m.query(
          `INSERT INTO board_agreement_notes (agreement_id, noted_on, status, text) VALUES ($1, $2, $3, $4)`,
          [agreement.id, g.statusDate ?? s.date, g.status, g.statusText],
        );
    }
  }
  return counts;
}
