import { randomUUID } from 'node:crypto';
import { DataVersionService } from '../src/cache/data-version.service';
import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { cacheFixture } from './support/answer-cache';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Every action of this file carries this theme: the dashboards below count only these. */
const { THEME, LIST, insertAction } = cacheFixture();

/** A database of this file's own: no other suite's write moves its data version mid-test. */
let own: TestDatabase;
beforeAll(async () => {
  own = await createTestDatabase('coopera_test_cache_listen');
});
afterAll(async () => {
  await own.drop();
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
