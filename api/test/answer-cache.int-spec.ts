import { randomUUID } from 'node:crypto';
import { DataVersionService } from '../src/cache/data-version.service';
import { TOUCH_SETTING } from '../src/cache/table-versions';
import { cacheFixture, cacheOf } from './support/answer-cache';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Every action of this file carries this theme: the dashboards below count only these. */
const { THEME, SUMMARY, LIST, insertAction } = cacheFixture();

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

  it('never serves a stale answer while writes and concurrent reads interleave', async () => {
    // A writer commits actions (and overdue milestones) one after another through replica b's
    // pool while readers on replica a ask for the summary and the list, many at once: each
    // answer must count at least what was committed before its request was sent (shared
    // computations, waiting requests and reused parts included).
    const committed = async () =>
      Number(
        (
          await b.db.query(`SELECT count(*)::int AS n FROM actions WHERE $1 = ANY(themes)`, [THEME])
        )[0].n,
      );
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 15; i++) {
        const id = await insertAction(b.db);
        await b.db.query(
          `INSERT INTO milestones (action_id, type, title, planned_date) VALUES ($1, 'meeting', 'Vencido', '2020-01-01')`,
          [id],
        );
      }
      writing = false;
    })();
    const stale: string[] = [];
    const reader = async (url: string, count: (body: Record<string, number>) => number) => {
      while (writing) {
        const atLeast = await committed();
        const res = await directorA.get(url).expect(200);
        if (count(res.body) < atLeast) stale.push(`${url}: ${count(res.body)} < ${atLeast}`);
      }
    };
    await Promise.all([
      writer,
      ...[1, 2, 3].map(() => reader(SUMMARY, (body) => body.actions)),
      ...[1, 2, 3].map(() => reader(LIST, (body) => body.total)),
    ]);
    expect(stale).toEqual([]);
    // And once the writer is done, every answer has everything.
    const all = await committed();
    expect((await directorA.get(SUMMARY).expect(200)).body.actions).toBe(all);
    expect((await directorA.get(LIST).expect(200)).body.total).toBe(all);
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
