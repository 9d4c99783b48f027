import { randomUUID } from 'node:crypto';
import { bootTestApp, countRows, insertUser, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

interface Item {
  id: string;
  kind: string;
  milestoneTitle: string;
  dueDate: string;
  daysLate: number;
  daysLeft: number;
  actionCode: string;
  actionId: string;
  read: boolean;
  responsibleName: string | null;
}

/**
 * Overdue and upcoming milestones per user. Its own database: directors see the whole portfolio,
 * so other suites' actions must not show up in the counts.
 */
describe('notifications: overdue and upcoming milestones per user', () => {
  let db: TestDatabase;
  let t: TestApp;
  let staffA: SignedInAgent;
  let staffB: SignedInAgent;
  let director: SignedInAgent;
  let admin: SignedInAgent;
  let partner: SignedInAgent;
  let otherPartner: SignedInAgent;
  const code = (name: string) => `NT-${name}-${randomUUID().slice(0, 6)}`;
  const codes = { a1: code('A1'), a2: code('A2'), a3: code('A3'), a4: code('A4') };
  const ids: Record<string, string> = {};
  /** YYYY-MM-DD of today + offset days in Mexico City (the institute's calendar). */
  let day: (offset: number) => string;

  const list = async (agent: SignedInAgent) =>
    (await agent.get('/api/v1/notifications').expect(200)).body as {
      items: Item[];
      unreadCount: number;
      overdueCount: number;
      upcomingCount: number;
      scope: string;
      windowDays: number;
      today: string;
    };
  const milestoneId = async (actionId: string, title: string) =>
    (
      (await t.db.query(`SELECT id FROM milestones WHERE action_id = $1 AND title = $2`, [
        actionId,
        title,
      ])) as { id: string }[]
    )[0].id;

  beforeAll(async () => {
    db = await createTestDatabase('coopera_notifications');
    t = await bootTestApp({ databaseUrl: db.url });
    const [{ today }]: { today: string }[] = await t.db.query(
      `SELECT to_char((now() AT TIME ZONE 'America/Mexico_City')::date, 'YYYY-MM-DD') AS today`,
    );
    day = (offset) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    const giz = await newOrganisation(t.db, { name: 'GIZ', acronym: 'GIZ' });
    const other = await newOrganisation(t.db, { name: 'Otra agencia' });
    [staffA, staffB, director, admin, partner, otherPartner] = await Promise.all([
      signedIn(t, 'staff'),
      signedIn(t, 'staff'),
      signedIn(t, 'director'),
      signedIn(t, 'admin'),
      signedIn(t, 'partner', { organisationId: giz }),
      signedIn(t, 'partner', { organisationId: other }),
    ]);
    const create = async (body: Record<string, unknown>) =>
      (
        await staffA
          .post('/api/v1/actions')
          .send({ kind: 'cooperation_project', instituteRole: 'recipient', ...body })
          .expect(201)
      ).body.id as string;
    ids['a1'] = await create({
      code: codes.a1,
      titleEs: 'Plan integral de movilidad urbana sustentable',
      status: 'implementation',
      responsibleId: staffA.user.id,
      participations: [{ organisationId: giz, role: 'implementing' }],
      milestones: [
        {
          type: 'study_delivered',
          title: 'Entrega del estudio de movilidad',
          plannedDate: day(-10),
        },
        { type: 'workshop', title: 'Taller de arranque', plannedDate: day(3) },
        { type: 'closure', title: 'Cierre del proyecto', plannedDate: day(30) },
        {
          type: 'kickoff',
          title: 'Reunión cumplida',
          plannedDate: day(-20),
          actualDate: day(-19),
        },
      ],
    });
    ids['a2'] = await create({
      code: codes.a2,
      titleEs: 'Árbol IoT en Zapopan',
      status: 'implementation',
      responsibleId: staffB.user.id,
      milestones: [{ type: 'technical_visit', title: 'Visita técnica', plannedDate: day(-2) }],
    });
    ids['a3'] = await create({
      code: codes.a3,
      titleEs: 'Acción cerrada',
      status: 'closed',
      responsibleId: staffA.user.id,
      milestones: [{ type: 'pilot', title: 'Piloto olvidado', plannedDate: day(-5) }],
    });
    ids['a4'] = await create({
      code: codes.a4,
      titleEs: 'Acción archivada',
      responsibleId: staffA.user.id,
      milestones: [{ type: 'pilot', title: 'Piloto archivado', plannedDate: day(-5) }],
    });
    await staffA.post(`/api/v1/actions/${ids['a4']}/archive`).send({}).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('gives staff the overdue and upcoming milestones of the actions they are responsible for', async () => {
    const res = await list(staffA);
    expect(res).toMatchObject({
      scope: 'responsible',
      windowDays: 7,
      today: day(0),
      unreadCount: 2,
      overdueCount: 1,
      upcomingCount: 1,
    });
    expect(res.items).toEqual([
      expect.objectContaining({
        kind: 'overdue',
        milestoneTitle: 'Entrega del estudio de movilidad',
        actionCode: codes.a1,
        actionId: ids['a1'],
        dueDate: day(-10),
        daysLate: 10,
        daysLeft: 0,
        read: false,
        responsibleName: 'Test staff',
      }),
      expect.objectContaining({
        kind: 'upcoming',
        milestoneTitle: 'Taller de arranque',
        dueDate: day(3),
        daysLate: 0,
        daysLeft: 3,
      }),
    ]);
    const b = await list(staffB);
    expect(b.items.map((i) => [i.milestoneTitle, i.daysLate])).toEqual([['Visita técnica', 2]]);
  });

  it('gives directors and admins the whole live portfolio, oldest overdue first', async () => {
    for (const agent of [director, admin]) {
      const res = await list(agent);
      expect(res.scope).toBe('portfolio');
      expect(res.items.map((i) => i.milestoneTitle)).toEqual([
        'Entrega del estudio de movilidad',
        'Visita técnica',
        'Taller de arranque',
      ]);
      expect(res).toMatchObject({ overdueCount: 2, upcomingCount: 1, unreadCount: 3 });
    }
  });

  it('gives partners only their organisation’s actions', async () => {
    const res = await list(partner);
    expect(res.scope).toBe('organisation');
    expect(res.items.map((i) => i.actionCode)).toEqual([codes.a1, codes.a1]);
    expect((await list(otherPartner)).items).toEqual([]);
  });

  it('flags actions with overdue milestones in the action list, filters them and the responsible person', async () => {
    const page = await director.get('/api/v1/actions?overdue=true&pageSize=100').expect(200);
    const byCode = new Map(
      (page.body.items as { code: string; overdueMilestones: number }[]).map((a) => [
        a.code,
        a.overdueMilestones,
      ]),
    );
    expect(byCode.get(codes.a1)).toBe(1);
    expect(byCode.get(codes.a2)).toBe(1);
    expect(byCode.has(codes.a4)).toBe(false); // archived
    const none = await director.get('/api/v1/actions?overdue=false&pageSize=100').expect(200);
    expect(none.body.items.map((a: { code: string }) => a.code)).not.toContain(codes.a1);
    const mine = await staffA.get('/api/v1/actions?responsible=me').expect(200);
    expect(mine.body.items.map((a: { code: string }) => a.code).sort()).toEqual(
      [codes.a1, codes.a3].sort(),
    );
    expect(mine.body.items[0].responsible).toEqual({ id: staffA.user.id, name: 'Test staff' });
    const detail = await partner.get(`/api/v1/actions/${ids['a1']}`).expect(200);
    expect(detail.body.responsible).toEqual({ id: staffA.user.id, name: 'Test staff' });
    await director.get('/api/v1/actions?overdue=maybe').expect(400);
    await director.get('/api/v1/actions?responsible=someone').expect(400);
  });

  it('stores read and dismissed per user; a rescheduled milestone is new again', async () => {
    const overdue = await milestoneId(ids['a1'], 'Entrega del estudio de movilidad');
    const upcoming = await milestoneId(ids['a1'], 'Taller de arranque');
    const read = await staffA.post('/api/v1/notifications/read').send({ ids: [overdue] });
    expect(read.status).toBe(200);
    expect(read.body.unreadCount).toBe(1);
    expect(read.body.items.find((i: Item) => i.id === overdue).read).toBe(true);
    // Per user: the director still has it unread.
    expect((await list(director)).unreadCount).toBe(3);
    // Rescheduling to another past date makes it unread again.
    const [{ version }]: { version: number }[] = await t.db.query(
      `SELECT version FROM milestones WHERE id = $1`,
      [overdue],
    );
    await staffA
      .patch(`/api/v1/actions/${ids['a1']}/milestones/${overdue}`)
      .send({ version, plannedDate: day(-12) })
      .expect(200);
    let res = await list(staffA);
    expect(res.items[0]).toMatchObject({ id: overdue, read: false, daysLate: 12 });
    expect(res.unreadCount).toBe(2);
    // Dismiss hides it for this user only.
    res = (
      await staffA
        .post('/api/v1/notifications/dismiss')
        .send({ ids: [upcoming] })
        .expect(200)
    ).body;
    expect(res.items.map((i) => i.id)).toEqual([overdue]);
    expect(res.upcomingCount).toBe(0);
    expect((await list(partner)).items.map((i) => i.id)).toContain(upcoming);
    // All read.
    res = (await staffA.post('/api/v1/notifications/read').send({ all: true }).expect(200)).body;
    expect(res.unreadCount).toBe(0);
    expect((await list(staffA)).items.every((i) => i.read)).toBe(true);
    // Done milestones leave the list.
    const [{ version: v2 }]: { version: number }[] = await t.db.query(
      `SELECT version FROM milestones WHERE id = $1`,
      [overdue],
    );
    await staffA
      .patch(`/api/v1/actions/${ids['a1']}/milestones/${overdue}`)
      .send({ version: v2, actualDate: day(-1) })
      .expect(200);
    expect((await list(staffA)).items).toEqual([]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await countRows(t.db, 'notification_states');
    const visit = await milestoneId(ids['a2'], 'Visita técnica');
    const bad = [{ ids: ['not-a-uuid'] }, { ids: [] }, {}, { all: 'yes' }, { ids: visit }];
    for (const body of bad) {
      const res = await staffB.post('/api/v1/notifications/read').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await staffB.post('/api/v1/notifications/dismiss').send({ all: true }).expect(400);
    // Not in the user's notifications (another person's action, another organisation, unknown).
    for (const [agent, id] of [
      [staffA, visit],
      [partner, visit],
      [staffB, randomUUID()],
    ] as const) {
      const res = await agent.post('/api/v1/notifications/dismiss').send({ ids: [id] });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND', details: { ids: [id] } });
    }
    // One unknown id among good ones: nothing is marked.
    const res = await staffB
      .post('/api/v1/notifications/read')
      .send({ ids: [visit, randomUUID()] });
    expect(res.status).toBe(404);
    expect(await countRows(t.db, 'notification_states')).toBe(before);
    expect((await list(staffB)).unreadCount).toBe(1);
    await t.http.get('/api/v1/notifications').expect(401);
  });

  it('accepts only active institute users as responsible', async () => {
    const [{ version }]: { version: number }[] = await t.db.query(
      `SELECT version FROM actions WHERE id = $1`,
      [ids['a2']],
    );
    const inactive = await insertUser(t.db, 'staff');
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [inactive.id]);
    for (const responsibleId of [partner.user.id, inactive.id, randomUUID()]) {
      const res = await staffA
        .patch(`/api/v1/actions/${ids['a2']}`)
        .send({ version, responsibleId });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'responsibleId' })]);
    }
    const assignable = await staffA.get('/api/v1/users/assignable').expect(200);
    const people = assignable.body.map((u: { id: string }) => u.id);
    expect(people).toEqual(expect.arrayContaining([staffA.user.id, director.user.id]));
    expect(people).not.toContain(partner.user.id);
    expect(people).not.toContain(inactive.id);
    await partner.get('/api/v1/users/assignable').expect(403);
    const ok = await staffA
      .patch(`/api/v1/actions/${ids['a2']}`)
      .send({ version, responsibleId: director.user.id })
      .expect(200);
    expect(ok.body.responsible).toEqual({ id: director.user.id, name: 'Test director' });
    expect((await list(staffB)).items).toEqual([]);
  });

  it('runs the digest only for admins, and only with mail configured', async () => {
    await staffA.post('/api/v1/notifications/digest').send({}).expect(403);
    const res = await admin.post('/api/v1/notifications/digest').send({});
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MAIL_NOT_CONFIGURED');
    expect(await countRows(t.db, 'digest_runs')).toBe(0);
  });
});
