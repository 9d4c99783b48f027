import request from 'supertest';
import { UsersService } from '../src/users/users.service';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn } from './support/factories';

const cookieHeader = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');

/** Issue 17, "Also": one session per browser; admin-set passwords are changed at first sign-in. */
describe('sessions and temporary passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('signing in while holding a valid session ends the old session', async () => {
    const first = await insertUser(t.db, 'staff');
    const second = await insertUser(t.db, 'director');
    const a = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: first.email, password: TEST_PASSWORD })
      .expect(200);
    const oldCookies = cookieHeader(a);
    await t.http.get('/api/v1/auth/me').set('Cookie', oldCookies).expect(200);
    // Same browser (it sends the old cookie), another account.
    const b = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Cookie', oldCookies)
      .send({ email: second.email, password: TEST_PASSWORD })
      .expect(200);
    await t.http.get('/api/v1/auth/me').set('Cookie', oldCookies).expect(401);
    const me = await t.http.get('/api/v1/auth/me').set('Cookie', cookieHeader(b)).expect(200);
    expect(me.body.email).toBe(second.email);
    const left: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`,
      [first.id],
    );
    expect(left[0].n).toBe(0);
  });

  describe('an admin-set password (on a database of its own: it creates users as admin)', () => {
    let own: TestDatabase;
    let app: TestApp;
    beforeAll(async () => {
      own = await createTestDatabase('coopera_test_temp_pw');
      app = await bootTestApp({ databaseUrl: own.url });
    });
    afterAll(async () => {
      await app.close();
      await own.drop();
    });

    it('must be changed at the first sign-in: until then only me, password and sign-out answer', async () => {
      const admin = await signedIn(app, 'admin');
      const created = await admin
        .post('/api/v1/users')
        .send({ email: `temporal-${Date.now()}@imeplan.mx`, name: 'Temporal', role: 'staff' })
        .expect(201);
      const agent = request.agent(app.app.getHttpServer());
      const signIn = await agent
        .post('/api/v1/auth/sign-in')
        .send({ email: created.body.email, password: created.body.temporaryPassword })
        .expect(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const csrf: string = signIn.body.csrfToken;
      const me = await agent.get('/api/v1/auth/me').expect(200);
      expect(me.body.mustChangePassword).toBe(true);
      const blocked = await agent.get('/api/v1/actions').expect(403);
      expect(blocked.body).toMatchObject({ statusCode: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
      await agent
        .post('/api/v1/organisations')
        .set('X-XSRF-TOKEN', csrf)
        .send({ name: 'No', type: 'other' })
        .expect(403);
      await agent
        .post('/api/v1/auth/password')
        .set('X-XSRF-TOKEN', csrf)
        .send({
          currentPassword: created.body.temporaryPassword,
          newPassword: 'Mi-Propia-Contraseña-1',
        })
        .expect(204);
      await agent.get('/api/v1/actions').expect(200);
      expect((await agent.get('/api/v1/auth/me').expect(200)).body.mustChangePassword).toBe(false);
      // A password the admin chose is temporary too.
      const chosen = await admin
        .post('/api/v1/users')
        .send({
          email: `elegida-${Date.now()}@imeplan.mx`,
          name: 'Elegida',
          role: 'director',
          password: 'Elegida-Por-Admin-1',
        })
        .expect(201);
      const other = await app.http
        .post('/api/v1/auth/sign-in')
        .send({ email: chosen.body.email, password: 'Elegida-Por-Admin-1' })
        .expect(200);
      expect(other.body.user.mustChangePassword).toBe(true);
      // Users who typed their own password (command line) are not asked.
      const cli = await app.app.get(UsersService).create(
        {
          email: `cli-${Date.now()}@imeplan.mx`,
          name: 'CLI',
          role: 'staff',
          password: TEST_PASSWORD,
        },
        { id: null, email: 'cli', requestId: null },
        undefined,
        { ownPassword: true },
      );
      const session = await app.http
        .post('/api/v1/auth/sign-in')
        .send({ email: cli.email, password: TEST_PASSWORD })
        .expect(200);
      expect(session.body.user.mustChangePassword).toBe(false);
    });
  });
});
