import { randomUUID } from 'node:crypto';
import { DEFAULT_PROGRESS_SCHEME } from '../src/progress/progress.model';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

const code = () => `P-${randomUUID().slice(0, 8)}`;

describe('progress scoring and milestone templates', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let org: string;
  beforeAll(async () => {
    t = await bootTestApp();
    org = await newOrganisation(t.db);
    admin = await signedIn(t, 'admin');
    staff = await signedIn(t, 'staff');
    director = await signedIn(t, 'director');
    partner = await signedIn(t, 'partner', { organisationId: org });
  });
  afterAll(async () => {
    await t.db.query(`DELETE FROM app_settings WHERE key = 'progress.scheme'`);
    await t.close();
  });

  /** A new action of `kind` (staff creates it); returns its id. */
  const newActionId = async (kind = 'cooperation_project', extra: Record<string, unknown> = {}) =>
    (await newAction(staff, { code: code(), kind, titleEs: 'Acción de avance', ...extra })).id;
  const reach = (id: string, stage: string, reachedOn = '2024-01-10') =>
    staff.post(`/api/v1/actions/${id}/stages`).send({ stage, reachedOn }).expect(201);
  const progressOf = async (id: string, agent: SignedInAgent = director) =>
    (await agent.get(`/api/v1/actions/${id}/progress`).expect(200)).body;

  it('scores the consecutive stages reached, recomputed at once when the admin changes the scheme', async () => {
    const a = await newActionId();
    const b = await newActionId();
    const none = await newActionId();
    await reach(a, 'planning');
    await reach(a, 'programming');
    await reach(a, 'execution'); // after a gap: does not count until budgeting is reached
    for (const s of ['planning', 'programming', 'budgeting', 'execution']) await reach(b, s);

    expect(await progressOf(a)).toMatchObject({
      percent: 20,
      label: 'Proceso bajo',
      stage: 'programming',
    });
    expect(await progressOf(b)).toMatchObject({ percent: 70, label: 'Proceso cumplido' });
    expect(await progressOf(none)).toMatchObject({ percent: 0, label: 'Sin avance', stage: null });
    const en = await director
      .get(`/api/v1/actions/${b}/progress`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(en.body.label).toBe('Process fulfilled');

    const scheme = {
      stages: [
        { stage: 'planning', weight: 20 },
        { stage: 'programming', weight: 20 },
        { stage: 'budgeting', weight: 20 },
        { stage: 'execution', weight: 20 },
        { stage: 'evaluation', weight: 20 },
      ],
      levels: [
        { min: 0, labelEs: 'Nada', labelEn: 'Nothing', colour: '#000000' },
        { min: 25, labelEs: 'Algo', labelEn: 'Some', colour: '#00ff00' },
        { min: 75, labelEs: 'Mucho', labelEn: 'Much', colour: '#0000ff' },
      ],
    };
    await staff.put('/api/v1/settings/progress').send(scheme).expect(403);
    await admin.put('/api/v1/settings/progress').send(scheme).expect(200);
    expect((await director.get('/api/v1/settings/progress').expect(200)).body).toEqual(scheme);
    expect(await progressOf(a)).toMatchObject({ percent: 40, label: 'Algo', colour: '#00ff00' });
    expect(await progressOf(b)).toMatchObject({ percent: 80, label: 'Mucho', colour: '#0000ff' });
    expect(await progressOf(none)).toMatchObject({ percent: 0, label: 'Nada' });

    const audit: unknown[] = await t.db.query(
      `SELECT 1 FROM audit_log WHERE entity = 'setting' AND entity_id = 'progress.scheme'`,
    );
    expect(audit.length).toBeGreaterThan(0);
    await admin.put('/api/v1/settings/progress').send(DEFAULT_PROGRESS_SCHEME).expect(200);
    expect(await progressOf(b)).toMatchObject({ percent: 70 });
  });

  it('shows progress on the action list and the action page (label in both languages)', async () => {
    const c = code();
    const res = await newAction(staff, {
      code: c,
      kind: 'award',
      titleEs: 'Avance en la lista',
      instituteRole: 'recipient',
    });
    const id = res.id;
    expect(res.progress).toMatchObject({ percent: 0, stage: null, labelEs: 'Sin avance' });
    await reach(id, 'planning');
    await reach(id, 'programming');
    const expected = {
      percent: 20,
      stage: 'programming',
      labelEs: 'Proceso bajo',
      labelEn: 'Low process',
      colour: '#f57c00',
    };
    const list = await director.get(`/api/v1/actions?q=${c}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].progress).toEqual(expected);
    expect((await director.get(`/api/v1/actions/${id}`).expect(200)).body.progress).toEqual(
      expected,
    );
  });

  it('sorts the action list by progress both ways, paged after sorting, as the list shows it', async () => {
    const theme = `avance-${randomUUID()}`;
    const [gap, four, none, noPlanning, all] = [
      await newActionId('cooperation_project', { themes: [theme] }),
      await newActionId('cooperation_project', { themes: [theme] }),
      await newActionId('cooperation_project', { themes: [theme] }),
      await newActionId('cooperation_project', { themes: [theme] }),
      await newActionId('cooperation_project', { themes: [theme] }),
    ];
    for (const s of ['planning', 'programming', 'execution']) await reach(gap, s);
    for (const s of ['planning', 'programming', 'budgeting', 'execution']) await reach(four, s);
    // Three quarters of the weight, but not planning: still 0 %.
    for (const s of ['programming', 'budgeting', 'execution', 'evaluation'])
      await reach(noPlanning, s);
    for (const s of DEFAULT_PROGRESS_SCHEME.stages) await reach(all, s.stage);
    type Row = { id: string; code: string; progress: { percent: number } };
    const list = async (query: string) =>
      (await director.get(`/api/v1/actions?theme=${theme}&${query}`).expect(200)).body as {
        items: Row[];
        total: number;
      };
    const byCode = (ids: string[], rows: Row[]) =>
      ids.map((id) => rows.find((r) => r.id === id)?.code ?? id);

    const up = await list('sort=progress');
    expect(up.items.map((r) => r.progress.percent)).toEqual([0, 0, 20, 70, 100]);
    const zeros = byCode([none, noPlanning], up.items).sort();
    expect(up.items.map((r) => r.code)).toEqual([...zeros, ...byCode([gap, four, all], up.items)]);
    const down = await list('sort=-progress');
    expect(down.items.map((r) => r.progress.percent)).toEqual([100, 70, 20, 0, 0]);
    expect(down.items.map((r) => r.code)).toEqual([
      ...byCode([all, four, gap], down.items),
      ...zeros,
    ]);
    const page2 = await list('sort=-progress&pageSize=2&page=2');
    expect(page2.total).toBe(5);
    expect(page2.items.map((r) => r.id)).toEqual([gap, down.items[3].id]);
    await director.get('/api/v1/actions?sort=percent').expect(400);
  });

  it('refuses bad schemes with 400 and leaves the settings unchanged', async () => {
    const before = (await admin.get('/api/v1/settings/progress').expect(200)).body;
    const bad = [
      {
        ...DEFAULT_PROGRESS_SCHEME,
        stages: DEFAULT_PROGRESS_SCHEME.stages.map((s) => ({ ...s, weight: 30 })),
      },
      { ...DEFAULT_PROGRESS_SCHEME, levels: [...DEFAULT_PROGRESS_SCHEME.levels].reverse() },
      { ...DEFAULT_PROGRESS_SCHEME, stages: DEFAULT_PROGRESS_SCHEME.stages.slice(1) },
      {
        ...DEFAULT_PROGRESS_SCHEME,
        stages: [...DEFAULT_PROGRESS_SCHEME.stages].reverse(),
      },
      {
        ...DEFAULT_PROGRESS_SCHEME,
        levels: [{ min: 0, labelEs: 'x', labelEn: 'x', colour: 'red' }],
      },
    ];
    for (const body of bad) {
      const res = await admin.put('/api/v1/settings/progress').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await admin.get('/api/v1/settings/progress').expect(200)).body).toEqual(before);
  });

  it('keeps stages with versions: one per stage, If-Match, audited delete', async () => {
    const id = await newActionId();
    const created = await reach(id, 'planning');
    expect(created.body.version).toBe(1);
    await staff
      .post(`/api/v1/actions/${id}/stages`)
      .send({ stage: 'planning', reachedOn: '2024-02-01' })
      .expect(409);
    await director
      .post(`/api/v1/actions/${id}/stages`)
      .send({ stage: 'budgeting', reachedOn: '2024-02-01' })
      .expect(403);
    const url = `/api/v1/actions/${id}/stages/${created.body.id}`;
    await staff.patch(url).send({ notes: 'sin versión' }).expect(428);
    const updated = await staff
      .patch(url)
      .set('If-Match', '"1"')
      .send({ evidenceUrl: 'https://implan.gob.mx/acta.pdf', notes: 'Acta de planeación' })
      .expect(200);
    expect(updated.body).toMatchObject({
      version: 2,
      evidenceUrl: 'https://implan.gob.mx/acta.pdf',
    });
    const stale = await staff.patch(url).send({ version: 1, notes: 'viejo' }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const list = await director.get(`/api/v1/actions/${id}/stages`).expect(200);
    expect(list.body).toHaveLength(1);
    await staff.delete(`${url}?version=1`).expect(409);
    await staff.delete(`${url}?version=2`).expect(204);
    expect((await director.get(`/api/v1/actions/${id}/stages`).expect(200)).body).toEqual([]);
    const audit: { operation: string }[] = await t.db.query(
      `SELECT operation FROM audit_log WHERE entity = 'action_stage' AND action_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a stage dated in the future (tomorrow in Mexico City) with 400 and writes nothing', async () => {
    const id = await newActionId();
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toLocaleDateString('en-CA', {
      timeZone: 'America/Mexico_City',
    });
    const res = await staff
      .post(`/api/v1/actions/${id}/stages`)
      .set('Accept-Language', 'es')
      .send({ stage: 'planning', reachedOn: tomorrow })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'reachedOn', code: 'notInFuture', message: 'No puede ser una fecha futura.' },
    ]);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Mexico_City' });
    const created = await reach(id, 'planning', today);
    await staff
      .patch(`/api/v1/actions/${id}/stages/${created.body.id}`)
      .send({ version: 1, reachedOn: tomorrow })
      .expect(400);
    const [{ reached }]: { reached: string }[] = await t.db.query(
      `SELECT to_char(reached_on, 'YYYY-MM-DD') AS reached FROM action_stages WHERE action_id = $1`,
      [id],
    );
    expect(reached).toBe(today);
  });

  it('refuses an evidence dated in the future (400 notInFuture) and keeps the stage as it was', async () => {
    const id = await newActionId();
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toLocaleDateString('en-CA', {
      timeZone: 'America/Mexico_City',
    });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Mexico_City' });
    const res = await staff
      .post(`/api/v1/actions/${id}/stages`)
      .set('Accept-Language', 'es')
      .send({ stage: 'planning', reachedOn: today, evidenceDate: tomorrow })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toEqual([
      { field: 'evidenceDate', code: 'notInFuture', message: 'No puede ser una fecha futura.' },
    ]);
    expect((await staff.get(`/api/v1/actions/${id}/stages`).expect(200)).body).toEqual([]);
    const created = await staff
      .post(`/api/v1/actions/${id}/stages`)
      .send({ stage: 'planning', reachedOn: today, evidenceDate: today })
      .expect(201);
    expect(created.body.evidenceDate).toBe(today);
    await staff
      .patch(`/api/v1/actions/${id}/stages/${created.body.id}`)
      .send({ version: 1, evidenceDate: tomorrow })
      .expect(400);
    const [stage] = (await staff.get(`/api/v1/actions/${id}/stages`).expect(200)).body;
    expect(stage).toMatchObject({ evidenceDate: today, version: 1 });
  });

  it('scopes progress and the distribution for partners; counts per label with the list filters', async () => {
    const own = await newActionId('award', {
      participations: [{ organisationId: org, role: 'funding' }],
    });
    const other = await newActionId('award');
    await reach(own, 'planning');
    await partner.get(`/api/v1/actions/${other}/progress`).expect(404);
    expect(await progressOf(own, partner)).toMatchObject({ percent: 10, label: 'Proceso básico' });
    await partner.get(`/api/v1/actions/${own}/stages`).expect(403);

    const mine = await partner.get('/api/v1/dashboard/progress-distribution').expect(200);
    expect(mine.body.total).toBe(1);
    expect(mine.body.levels).toHaveLength(6);
    expect(mine.body.levels.find((l: { min: number }) => l.min === 10).count).toBe(1);

    const all = await director
      .get('/api/v1/dashboard/progress-distribution?kind=award')
      .expect(200);
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM actions WHERE kind = 'award' AND archived_at IS NULL`,
    );
    expect(all.body.total).toBe(n);
    expect(all.body.levels.map((l: { label: string }) => l.label)).toEqual(
      DEFAULT_PROGRESS_SCHEME.levels.map((l) => l.labelEs),
    );
  });

  it('plans the milestones of the kind of action once, skipping types already present', async () => {
    const id = await newActionId('city_to_city');
    await staff
      .post(`/api/v1/actions/${id}/milestones`)
      .send({ type: 'technical_visit', title: 'Visita a Ancona', actualDate: '2023-05-10' })
      .expect(201);
    const first = await staff
      .post(`/api/v1/actions/${id}/milestones/from-template`)
      .send({ startDate: '2025-01-31' })
      .expect(201);
    expect(first.body.skipped).toEqual(['technical_visit']);
    expect(
      first.body.created.map((m: { type: string; plannedDate: string }) => [m.type, m.plannedDate]),
    ).toEqual([
      ['agreement_signed', '2025-01-31'],
      ['workshop', '2025-07-31'],
      ['closure', '2026-01-31'],
    ]);
    const second = await staff
      .post(`/api/v1/actions/${id}/milestones/from-template`)
      .send({})
      .expect(201);
    expect(second.body.created).toEqual([]);
    const rows: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM milestones WHERE action_id = $1`,
      [id],
    );
    expect(rows[0].n).toBe(4);
    const audit: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'milestone' AND action_id = $1`,
      [id],
    );
    expect(audit[0].n).toBe(4);
    await director.post(`/api/v1/actions/${id}/milestones/from-template`).send({}).expect(403);
    await staff
      .post(`/api/v1/actions/${randomUUID()}/milestones/from-template`)
      .send({})
      .expect(404);
  });
});
