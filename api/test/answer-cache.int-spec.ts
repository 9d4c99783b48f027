import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AnswerCache } from '../src/cache/answer-cache';
import { ANSWER_CACHE } from '../src/cache/answer-cache.interceptor';
import { DataVersionService } from '../src/cache/data-version.service';
import { TOUCH_SETTING } from '../src/cache/table-versions';
import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Every action of this file carries this theme: the dashboards below count only these. */
const THEME = `cache-${randomUUID().slice(0, 8)}`;
const SUMMARY = `/api/v1/dashboard/summary?theme=${THEME}`;
const LIST = `/api/v1/actions?theme=${THEME}&pageSize=50`;

async function insertAction(db: DataSource, organisationId?: string): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes)
     VALUES ($1, 'cooperation_project', 'Acción de caché', 'recipient', 'implementation', 'technical', $2)
     RETURNING id`,
    [`C-${randomUUID().slice(0, 8)}`, [THEME]],
  );
  if (organisationId)
    await db.query(
      `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, 'funding')`,
      [rows[0].id, organisationId],
    );
  return rows[0].id;
}

const cacheOf = (t: TestApp) => t.app.get<AnswerCache>(ANSWER_CACHE);

/** A database of this file's own: no other suite's write moves its data version mid-test. */
let own: TestDatabase;
beforeAll(async () => {
  own = await createTestDatabase('coopera_test_cache');
});
afterAll(async () => {
  await own.drop();
});

describe('answers reused until the data changes (read mode, two replicas)', () => {
  let a: TestApp;
  let b: TestApp;
  let directorA: SignedInAgent;
  let directorB: SignedInAgent;
  let staffA: SignedInAgent;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      bootTestApp({ databaseUrl: own.url }),
      bootTestApp({ databaseUrl: own.url }),
    ]);
    [directorA, directorB, staffA] = await Promise.all([
      signedIn(a, 'director'),
      signedIn(b, 'director'),
      signedIn(a, 'staff'),
    ]);
    await insertAction(a.db);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('serves a repeated dashboard from memory, with a private no-cache ETag', async () => {
    const first = await directorA.get(SUMMARY).expect(200);
    const hits = cacheOf(a).hits;
    const second = await directorA.get(SUMMARY).expect(200);
    expect(cacheOf(a).hits).toBe(hits + 1);
    expect(second.body).toEqual(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.headers['cache-control']).toBe('private, no-cache');
    expect(second.headers['etag']).toBe(first.headers['etag']);
    expect(first.body.actions).toBe(1);
  });

  it('never serves an answer older than a committed write through the same replica', async () => {
    const before = await staffA.get(LIST).expect(200);
    const created = await newAction(staffA, {
      code: `C-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción nueva por la API',
      instituteRole: 'recipient',
      themes: [THEME],
    });
    const after = await staffA.get(LIST).expect(200);
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
  });

  it('never serves an answer older than a write committed through another replica', async () => {
    const before = await directorB.get(SUMMARY).expect(200);
    await directorB.get(SUMMARY).expect(200); // now in replica b's memory
    await insertAction(a.db); // replica a's pool commits
    const after = await directorB.get(SUMMARY).expect(200);
    expect(after.body.actions).toBe(before.body.actions + 1);
  });

  it('computes again only the parts whose tables changed, and never serves a stale part', async () => {
    const actionId = await insertAction(a.db);
    const first = await directorA.get(SUMMARY).expect(200);
    const { partHits, partMisses } = cacheOf(a);
    // An overdue milestone (replica b's pool): a new overdue count, the money part reused.
    await b.db.query(
      `INSERT INTO milestones (action_id, type, title, planned_date)
       VALUES ($1, 'meeting', 'Reunión vencida', '2020-01-01')`,
      [actionId],
    );
    const second = await directorA.get(SUMMARY).expect(200);
    expect(second.body.overdueMilestones).toBe(first.body.overdueMilestones + 1);
    expect(second.body.money).toEqual(first.body.money);
    expect(cacheOf(a).partHits).toBe(partHits + 1);
    // A money record: the part is computed again, with it.
    await b.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date)
       VALUES ($1, 'disbursement', 1000, 'MXN', '2024-03-10')`,
      [actionId],
    );
    const third = await directorA.get(SUMMARY).expect(200);
    expect(third.body.money.executed.records).toBe(first.body.money.executed.records + 1);
    expect(third.body.overdueMilestones).toBe(second.body.overdueMilestones);
    expect(cacheOf(a).partMisses).toBe(partMisses + 1);
    // The list: a logged milestone moves the page, the count of matching actions is reused.
    const list = await directorA.get(LIST).expect(200);
    await b.db.query(
      `INSERT INTO milestones (action_id, type, title, actual_date) VALUES ($1, 'meeting', 'Hecho', '2024-01-01')`,
      [actionId],
    );
    const hits = cacheOf(a).partHits;
    const again = await directorA.get(LIST).expect(200);
    expect(again.headers['etag']).not.toBe(list.headers['etag']);
    expect(again.body.total).toBe(list.body.total);
    expect(cacheOf(a).partHits).toBe(hits + 1);
    // A new action matching the filters: the count is computed again.
    await insertAction(b.db);
    expect((await directorA.get(LIST).expect(200)).body.total).toBe(list.body.total + 1);
  });

  it('keeps answers through a rolled-back write: nothing changed', async () => {
    const before = await directorA.get(SUMMARY).expect(200);
    const version = await a.app.get(DataVersionService).current();
    const runner = a.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(
      `INSERT INTO actions (code, kind, title_es, institute_role, themes) VALUES ($1, 'award', 'x', 'recipient', $2)`,
      [`R-${randomUUID().slice(0, 8)}`, [THEME]],
    );
    await runner.rollbackTransaction();
    await runner.release();
    expect(await a.app.get(DataVersionService).current()).toEqual(version);
    const hits = cacheOf(a).hits;
    await directorA
      .get(SUMMARY)
      .set('If-None-Match', before.headers['etag'])
      .expect(304)
      .expect((res) => expect(res.text).toBe(''));
    await directorA.get(SUMMARY).expect(200);
    expect(cacheOf(a).hits).toBe(hits + 1);
  });

  it('answers 304 for an unchanged dashboard, list and action detail, and 200 once data changed', async () => {
    const id = await insertAction(a.db);
    for (const url of [
      SUMMARY,
      `/api/v1/dashboard/by-theme?theme=${THEME}`,
      LIST,
      `/api/v1/actions/${id}`,
      `/api/v1/organisations?pageSize=5`,
    ]) {
      const first = await directorA.get(url).expect(200);
      const etag = first.headers['etag'] as string;
      expect(etag).toMatch(/^"(\d+\.)?\d+-[\w-]+"$/);
      const again = await directorB.get(url).set('If-None-Match', etag).expect(304);
      expect(again.headers['etag']).toBe(etag);
      expect(again.headers['cache-control']).toBe('private, no-cache');
    }
    const etag = (await directorA.get(`/api/v1/actions/${id}`)).headers['etag'] as string;
    await a.db.query(`UPDATE milestones SET title = title WHERE action_id = $1`, [id]); // no rows: still a statement
    const changed = await directorA
      .get(`/api/v1/actions/${id}`)
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('renews the list and the detail for a part logged through the API, not a dashboard that shows neither', async () => {
    const id = await insertAction(a.db);
    const byTheme = `/api/v1/dashboard/by-theme?theme=${THEME}`;
    const dashboard = await directorA.get(byTheme).expect(200);
    const detail = await directorA.get(`/api/v1/actions/${id}`).expect(200);
    await staffA
      .post(`/api/v1/actions/${id}/milestones`)
      .send({ type: 'workshop', title: 'Taller', actualDate: '2026-11-20' })
      .expect(201);
    // The action's last update moved (a touch): only the answers that show it are renewed.
    await directorB.get(byTheme).set('If-None-Match', dashboard.headers['etag']).expect(304);
    const after = await directorB
      .get(`/api/v1/actions/${id}`)
      .set('If-None-Match', detail.headers['etag'])
      .expect(200);
    expect(after.body.milestones.map((m: { title: string }) => m.title)).toEqual(['Taller']);
    expect(after.body.updatedAt).not.toBe(detail.body.updatedAt);
    const listed = (await directorB.get(LIST).expect(200)).body.items.find(
      (i: { id: string }) => i.id === id,
    );
    expect(listed.updatedAt).toBe(after.body.updatedAt);
  });

  it('counts a touch for one statement only: the action changed next in the transaction renews the dashboards', async () => {
    const id = await insertAction(a.db);
    const byStatus = `/api/v1/dashboard/by-status?theme=${THEME}`;
    const before = await directorA.get(byStatus).expect(200);
    await a.db.transaction(async (m) => {
      await m.query(`SELECT set_config('${TOUCH_SETTING}', 'on', true)`);
      await m.query(`UPDATE actions SET updated_at = now() WHERE id = $1`, [id]);
      await m.query(`UPDATE actions SET status = 'closed' WHERE id = $1`, [id]);
    });
    const after = await directorB
      .get(byStatus)
      .set('If-None-Match', before.headers['etag'])
      .expect(200);
    expect(after.body).not.toEqual(before.body);
  });

  it('accepts the action detail ETag as If-Match for an update', async () => {
    const id = await insertAction(a.db);
    const detail = await staffA.get(`/api/v1/actions/${id}`).expect(200);
    expect(detail.headers['etag']).toMatch(/^"1\.\d+-[\w-]+"$/);
    const updated = await staffA
      .patch(`/api/v1/actions/${id}`)
      .set('If-Match', detail.headers['etag'])
      .send({ titleEs: 'Título cambiado' })
      .expect(200);
    expect(updated.body.version).toBe(2);
    const reread = await directorA.get(`/api/v1/actions/${id}`).expect(200);
    expect(reread.body.titleEs).toBe('Título cambiado');
  });

  it('keeps each partner to their own organisation’s answer', async () => {
    const organisationId = await newOrganisation(a.db);
    await insertAction(a.db, organisationId);
    const partner = await signedIn(a, 'partner', { organisationId: organisationId });
    const other = await signedIn(a, 'partner', { organisationId: await newOrganisation(a.db) });
    const director = await directorA.get(SUMMARY).expect(200);
    const mine = await partner.get(SUMMARY).expect(200);
    const theirs = await other.get(SUMMARY).expect(200);
    expect(mine.body.actions).toBe(1);
    expect(theirs.body.actions).toBe(0);
    expect(director.body.actions).toBeGreaterThan(1);
    await partner.get(SUMMARY).set('If-None-Match', director.headers['etag']).expect(200);
  });
});

describe('answers reused until the data changes (listen mode)', () => {
  let a: TestApp;
  let b: TestApp;
  let staffA: SignedInAgent;
  let directorB: SignedInAgent;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      bootTestApp({ databaseUrl: own.url, dataVersionMode: 'listen' }),
      bootTestApp({ databaseUrl: own.url, dataVersionMode: 'listen' }),
    ]);
    [staffA, directorB] = await Promise.all([signedIn(a, 'staff'), signedIn(b, 'director')]);
    await insertAction(a.db);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('sees its own write at once and another replica’s as soon as PostgreSQL notifies it', async () => {
    const before = await staffA.get(LIST).expect(200);
    await directorB.get(LIST).expect(200);
    await staffA
      .post('/api/v1/actions')
      .send({
        code: `L-${randomUUID().slice(0, 8)}`,
        kind: 'award',
        titleEs: 'Acción escuchada',
        instituteRole: 'recipient',
        themes: [THEME],
      })
      .expect(201);
    expect((await staffA.get(LIST).expect(200)).body.total).toBe(before.body.total + 1);
    let total = before.body.total;
    for (let i = 0; i < 50 && total === before.body.total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      total = (await directorB.get(LIST).expect(200)).body.total;
    }
    expect(total).toBe(before.body.total + 1);
  });

  /** Signs a staff member in through replica a and returns the session cookie to send anywhere. */
  async function sessionCookie(): Promise<{ cookie: string; csrf: string; userId: string }> {
    const { id, email } = await insertUser(a.db, 'staff');
    const res = await request(a.app.getHttpServer())
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: res.body.csrfToken, userId: id };
  }
  const me = (t: TestApp, cookie: string) =>
    request(t.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie);
  /** Replica b learns of another replica's change when PostgreSQL's notification arrives. */
  async function statusOnceNotified(t: TestApp, cookie: string, expected: number) {
    let status = 0;
    for (let i = 0; i < 50 && status !== expected; i++) {
      status = (await me(t, cookie)).status;
      if (status !== expected) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return status;
  }

  it('answers a reused answer with no round trip at all: session and version in memory', async () => {
    await staffA.get(LIST).expect(200);
    await staffA.get(LIST).expect(200);
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const res = await staffA.get(LIST).expect(200);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(res.body.total).toBeGreaterThan(0);
  });

  it('ends a signed-out session at once, on its own replica and on the other once notified', async () => {
    const { cookie, csrf } = await sessionCookie();
    await me(a, cookie).expect(200);
    await me(b, cookie).expect(200);
    await me(b, cookie).expect(200); // now kept in b's memory
    await request(a.app.getHttpServer())
      .post('/api/v1/auth/sign-out')
      .set('Cookie', cookie)
      .set('X-XSRF-TOKEN', csrf)
      .expect((res) => expect(res.status).toBeLessThan(300));
    await me(a, cookie).expect(401);
    expect(await statusOnceNotified(b, cookie, 401)).toBe(401);
  });

  it('ends the sessions of a user deactivated or deleted behind its back', async () => {
    const { cookie, userId } = await sessionCookie();
    await me(b, cookie).expect(200);
    await me(b, cookie).expect(200);
    await a.db.query(`UPDATE users SET active = false WHERE id = $1`, [userId]);
    expect(await statusOnceNotified(b, cookie, 401)).toBe(401);
    await me(a, cookie).expect(401);
  });

  it('never takes an expired session from memory', async () => {
    const { cookie, userId } = await sessionCookie();
    await a.db.query(
      `UPDATE sessions SET expires_at = now() + interval '1500 milliseconds' WHERE user_id = $1`,
      [userId],
    );
    expect(await statusOnceNotified(b, cookie, 200)).toBe(200);
    await me(b, cookie).expect(200); // kept in memory with its expiry
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await me(b, cookie).expect(401);
  });

  it('reads the version from memory while nothing changes', async () => {
    const versions = a.app.get(DataVersionService);
    const v = await versions.current();
    const spy = jest.spyOn(a.db, 'query');
    expect(await versions.current()).toBe(v);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
