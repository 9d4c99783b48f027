import { randomUUID } from 'node:crypto';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';
import { binary } from './support/binary';
import { pdfText } from './support/pdf-text';

describe('board follow-up', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let institute: string;
  beforeAll(async () => {
    t = await bootTestApp();
    institute = await newOrganisation(t.db, { name: 'IMPLAN Prueba', type: 'other' });
    staff = await signedIn(t, 'staff');
    director = await signedIn(t, 'director');
    partner = await signedIn(t, 'partner', { organisationId: institute });
  });
  afterAll(() => t.close());

  const session = (number: number, heldOn: string, extra: Record<string, unknown> = {}) =>
    staff
      .post('/api/v1/board-sessions')
      .send({
        instituteId: institute,
        number,
        kind: 'ordinary',
        year: Number(heldOn.slice(0, 4)),
        heldOn,
        title: `Sesión ordinaria ${number}`,
        ...extra,
      })
      .expect(201)
      .then((r) => r.body as { id: string; version: number });

  /**
   * A duplicate session (409), a missing one (404), a director writing (403); then session `s`'s
   * agenda written. Returns the id of its first item.
   */
  async function refuseSessionWritesAndWriteAgenda(s: { id: string }) {
    await staff
      .post('/api/v1/board-sessions')
      .send({
        instituteId: institute,
        number: 1,
        kind: 'ordinary',
        year: 2020,
        heldOn: '2020-03-06',
        title: 'dup',
      })
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('BOARD_SESSION_EXISTS'));
    await staff
      .patch(`/api/v1/board-sessions/${randomUUID()}`)
      .send({ version: 1, title: 'x' })
      .expect(404)
      .expect((r) => expect(r.body.code).toBe('BOARD_SESSION_NOT_FOUND'));
    await director
      .post('/api/v1/board-sessions')
      .send({
        instituteId: institute,
        number: 9,
        kind: 'ordinary',
        year: 2020,
        heldOn: '2020-03-06',
        title: 'x',
      })
      .expect(403);
    const item = await staff
      .post(`/api/v1/board-sessions/${s.id}/agenda-items`)
      .send({ position: 1, title: 'Pase de lista' })
      .expect(201);
    await staff
      .post(`/api/v1/board-sessions/${s.id}/agenda-items`)
      .send({ position: 2, title: 'Acción inexistente', actionIds: [randomUUID()] })
      .expect(400);
    await staff
      .patch(`/api/v1/board-sessions/${s.id}/agenda-items/${item.body.id}`)
      .send({ version: 1, title: 'Pase de lista y quórum' })
      .expect(200);
    return item.body.id as string;
  }

  it('keeps sessions, agenda items, agreements and notes (staff write, director read)', async () => {
    const s = await session(1, '2020-03-05');
    const itemId = await refuseSessionWritesAndWriteAgenda(s);

    const g = await staff
      .post(`/api/v1/board-sessions/${s.id}/agreements`)
      .send({
        code: 'JD-T-1',
        text: 'Entregar el informe.',
        responsible: 'Dirección',
        dueDate: '2020-04-01',
      })
      .expect(201);
    expect(g.body).toMatchObject({ status: 'open', version: 1, instituteId: institute });
    await staff
      .post(`/api/v1/board-sessions/${s.id}/agreements`)
      .send({ code: 'JD-T-1', text: 'Duplicado' })
      .expect(409)
      .expect((r) => expect(r.body.code).toBe('BOARD_AGREEMENT_EXISTS'));
    await staff
      .patch(`/api/v1/board-sessions/${randomUUID()}/agenda-items/${itemId}`)
      .send({ version: 2, title: 'En otra sesión' })
      .expect(404)
      .expect((r) => expect(r.body.code).toBe('RECORD_NOT_FOUND'));
    const patched = await staff
      .patch(`/api/v1/board-agreements/${g.body.id}`)
      .set('If-Match', '"1"')
      .send({ responsible: 'Dirección General' })
      .expect(200);
    expect(patched.body.version).toBe(2);
    await staff
      .patch(`/api/v1/board-agreements/${g.body.id}`)
      .send({ version: 1, text: 'x' })
      .expect(409);
    await staff
      .post(`/api/v1/board-agreements/${g.body.id}/notes`)
      .send({ notedOn: '2020-03-20', status: 'in_progress', text: 'Borrador enviado.' })
      .expect(201);
    const read = await director.get(`/api/v1/board-agreements/${g.body.id}`).expect(200);
    expect(read.body).toMatchObject({
      status: 'in_progress',
      version: 3,
      latestNote: { notedOn: '2020-03-20', status: 'in_progress', text: 'Borrador enviado.' },
    });
    expect(read.body.notes).toHaveLength(1);
    const full = await director.get(`/api/v1/board-sessions/${s.id}`).expect(200);
    expect(full.body.agendaItems.map((i: { title: string }) => i.title)).toEqual([
      'Pase de lista y quórum',
    ]);
    expect(full.body.agreements.map((a: { code: string }) => a.code)).toEqual(['JD-T-1']);
    const list = await director
      .get(`/api/v1/board-agreements?instituteId=${institute}&status=in_progress`)
      .expect(200);
    expect(list.body.map((a: { code: string }) => a.code)).toEqual(['JD-T-1']);

    await staff.delete(`/api/v1/board-sessions/${s.id}`).expect(409);
    await staff.delete(`/api/v1/board-agreements/${g.body.id}?version=3`).expect(204);
    await staff.delete(`/api/v1/board-sessions/${s.id}`).expect(204);
    const audit: { entity: string }[] = await t.db.query(
      `SELECT DISTINCT entity FROM audit_log WHERE entity LIKE 'board_%' ORDER BY entity`,
    );
    expect(audit.map((a) => a.entity)).toEqual([
      'board_agenda_item',
      'board_agreement',
      'board_agreement_note',
      'board_session',
    ]);
  });

  it('filters agreements that are overdue in Mexico City (pending and past their due date)', async () => {
    // An institute of its own: its pending agreements stay out of the other tests' reports.
    const own = await newOrganisation(t.db, { name: 'IMPLAN Vencidos', type: 'other' });
    const s = await session(1, '2021-02-04', { instituteId: own });
    const [{ yesterday, today }]: { yesterday: string; today: string }[] = await t.db.query(
      `SELECT to_char((now() AT TIME ZONE 'America/Mexico_City')::date - 1, 'YYYY-MM-DD') AS yesterday,
              to_char((now() AT TIME ZONE 'America/Mexico_City')::date, 'YYYY-MM-DD') AS today`,
    );
    const agreement = (code: string, dueDate: string | null, status = 'open') =>
      staff
        .post(`/api/v1/board-sessions/${s.id}/agreements`)
        .send({ code, text: `Acuerdo ${code}`, dueDate, status })
        .expect(201);
    await agreement('JD-V-1', yesterday);
    await agreement('JD-V-2', yesterday, 'in_progress');
    await agreement('JD-V-3', yesterday, 'done');
    await agreement('JD-V-4', today);
    await agreement('JD-V-5', null);
    const codes = async (query: string) =>
      (
        await director.get(`/api/v1/board-agreements?instituteId=${own}&${query}`).expect(200)
      ).body.map((a: { code: string }) => a.code);
    expect(await codes('overdue=true')).toEqual(['JD-V-1', 'JD-V-2']);
    expect(await codes('overdue=false')).toEqual(['JD-V-3', 'JD-V-4', 'JD-V-5']);
    expect(await codes('overdue=true&status=in_progress')).toEqual(['JD-V-2']);
    const bad = await director.get('/api/v1/board-agreements?overdue=maybe').expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'overdue' });
  });

  it('gives partners no access to the board', async () => {
    const s = await session(2, '2020-06-05');
    await partner.get('/api/v1/board-sessions').expect(403);
    await partner.get(`/api/v1/board-sessions/${s.id}`).expect(403);
    await partner.get(`/api/v1/board-sessions/${s.id}/report`).expect(403);
    await partner.get(`/api/v1/board-sessions/${s.id}/report.pdf`).expect(403);
    await partner.get('/api/v1/board-agreements').expect(403);
    await partner
      .post(`/api/v1/board-sessions/${s.id}/agreements`)
      .send({ code: 'X-1', text: 'x' })
      .expect(403);
  });

  /**
   * An action on the agenda with two milestones dated as the history would: one before the
   * previous session (2021-02-01), one between it and the current one. Returns its id.
   */
  async function actionWithDatedMilestones(): Promise<string> {
    const action = await newAction(staff, {
      code: `B-${randomUUID().slice(0, 8)}`,
      kind: 'city_to_city',
      titleEs: 'Cooperación Ancona',
      instituteRole: 'both',
    });
    const id = action.id;
    const old = await staff
      .post(`/api/v1/actions/${id}/milestones`)
      .send({ type: 'agreement_signed', title: 'Firma del MoU antiguo', actualDate: '2021-01-10' })
      .expect(201);
    const fresh = await staff
      .post(`/api/v1/actions/${id}/milestones`)
      .send({ type: 'workshop', title: 'Taller nuevo entre sesiones', actualDate: '2021-03-10' })
      .expect(201);
    // Dates the records as the history would: one before the previous session, one between.
    await t.db.query(
      `UPDATE milestones SET created_at = '2021-01-15T12:00:00Z', updated_at = '2021-01-15T12:00:00Z' WHERE id = $1`,
      [old.body.id],
    );
    await t.db.query(
      `UPDATE milestones SET created_at = '2021-03-15T12:00:00Z', updated_at = '2021-03-15T12:00:00Z' WHERE id = $1`,
      [fresh.body.id],
    );
    await t.db.query(`UPDATE audit_log SET at = '2021-01-15T12:00:00Z' WHERE entity_id = $1`, [
      old.body.id,
    ]);
    await t.db.query(`UPDATE audit_log SET at = '2021-03-15T12:00:00Z' WHERE entity_id = $1`, [
      fresh.body.id,
    ]);
    return id;
  }

  /** The report's PDF in Spanish and English: labels, dates and agreements, never codes. */
  async function checkReportPdfs(sessionId: string) {
    const pdf = await director
      .get(`/api/v1/board-sessions/${sessionId}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const body = pdf.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toBe(
      'attachment; filename="junta-2021-ordinaria-2.pdf"',
    );
    const text = pdfText(body);
    expect(text).toContain('JD-R-7');
    expect(text).toContain('Informe de seguimiento');
    expect(text).toContain('Taller: Taller nuevo entre sesiones (10 de marzo de 2021)');
    expect(text).toMatch(/JD-R-7 .{1,3}En proceso/);
    expect(text).toContain('Celebrada el 1 de abril de 2021');
    expect(text).toContain('(30 de marzo de 2021)');
    expect(text).not.toMatch(/\b(in_progress|workshop|ordinary)\b|\d{4}-\d{2}-\d{2}/);
    const pages = (body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(text.split('Sesión ordinaria 2 de 2021').length - 1).toBeGreaterThanOrEqual(pages);
    const en = await director
      .get(`/api/v1/board-sessions/${sessionId}/report.pdf?lang=en`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(en.headers['content-disposition']).toBe(
      'attachment; filename="board-2021-ordinary-2.pdf"',
    );
    const enText = pdfText(en.body as Buffer);
    expect(enText).toContain('Board follow-up report');
    expect(enText).toContain('Workshop: Taller nuevo entre sesiones (10 Mar 2021)');
    expect(enText).toMatch(/JD-R-7 .{1,3}In progress/);
    expect(enText).toContain('Held on 1 Apr 2021');
  }

  it('reports what changed on the agenda actions since the previous session, and pending agreements', async () => {
    const id = await actionWithDatedMilestones();

    const previous = await session(3, '2021-02-01', { year: 2021, number: 1 });
    const current = await session(4, '2021-04-01', { year: 2021, number: 2 });
    await staff
      .post(`/api/v1/board-sessions/${current.id}/agenda-items`)
      .send({ position: 3, title: 'Seguimiento de la cooperación con Ancona', actionIds: [id] })
      .expect(201);
    const pending = await staff
      .post(`/api/v1/board-sessions/${previous.id}/agreements`)
      .send({ code: 'JD-R-7', text: 'Presentar el plan de trabajo con Ancona.' })
      .expect(201);
    await staff
      .post(`/api/v1/board-agreements/${pending.body.id}/notes`)
      .send({ notedOn: '2021-03-30', status: 'in_progress', text: 'Plan en revisión jurídica.' })
      .expect(201);
    await staff
      .post(`/api/v1/board-sessions/${previous.id}/agreements`)
      .send({ code: 'JD-R-8', text: 'Acuerdo ya cumplido.', status: 'done' })
      .expect(201);

    const res = await director
      .get(`/api/v1/board-sessions/${current.id}/report?lang=es`)
      .expect(200);
    expect(res.body.previous).toMatchObject({ id: previous.id, heldOn: '2021-02-01' });
    expect(res.body.window).toEqual({ from: '2021-02-01', to: '2021-04-01' });
    expect(res.body.actions).toHaveLength(1);
    const a = res.body.actions[0];
    expect(a).toMatchObject({
      id,
      agendaPositions: [3],
      progress: { percent: 0, label: 'Sin avance' },
    });
    const titles = a.milestones.new.map((c: { summary: string }) => c.summary).join('\n');
    expect(titles).toContain('Taller nuevo entre sesiones');
    expect(titles).not.toContain('Firma del MoU antiguo');
    expect(a.auditEntries).toBe(1);
    expect(res.body.openAgreements.map((g: { code: string }) => g.code)).toContain('JD-R-7');
    expect(res.body.openAgreements.map((g: { code: string }) => g.code)).not.toContain('JD-R-8');
    expect(
      res.body.openAgreements.find((g: { code: string }) => g.code === 'JD-R-7'),
    ).toMatchObject({
      status: 'in_progress',
      latestNote: { text: 'Plan en revisión jurídica.' },
    });

    await checkReportPdfs(current.id);
    await director.get(`/api/v1/board-sessions/${randomUUID()}/report`).expect(404);
  });
});

describe('board sessions of the seeded minutes (on a database of its own)', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_board_seed');
    t = await bootTestApp({ databaseUrl: db.url, demoData: false });
    await t.app.get(DemoSeeder).seedIfEmpty();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('loads the sessions, agenda and agreements read from the minutes', async () => {
    const director = await signedIn(t, 'director');
    const sessions = await director.get('/api/v1/board-sessions').expect(200);
    expect(sessions.body.map((s: { number: number }) => s.number)).toEqual([12, 11]);
    const agreements = await director.get('/api/v1/board-agreements').expect(200);
    const byCode = Object.fromEntries(agreements.body.map((g: { code: string }) => [g.code, g]));
    expect(Object.keys(byCode).sort()).toEqual(['JD-VIII-2', 'JD-XI-1', 'JD-XI-2']);
    expect(byCode['JD-XI-1']).toMatchObject({
      status: 'done',
      latestNote: { notedOn: '2023-12-14', status: 'done' },
    });
    expect(byCode['JD-VIII-2'].status).toBe('in_progress');

    const report = await director
      .get(`/api/v1/board-sessions/${sessions.body[0].id}/report`)
      .expect(200);
    expect(report.body.previous.heldOn).toBe('2023-11-30');
    expect(report.body.actions.map((a: { code: string }) => a.code)).toEqual([
      'IMPLANGTO-2023-IURC-ANCONA',
    ]);
    expect(report.body.openAgreements.map((g: { code: string }) => g.code)).toEqual(['JD-VIII-2']);

    const again = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(again.seeded).toBe(false);
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM board_sessions`,
    );
    expect(n).toBe(2);
  });
});
