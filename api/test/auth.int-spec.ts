import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, newOrganisation } from './support/factories';

describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly session cookie and an XSRF cookie, and the session survives a new request', async () => {
    const { email } = await insertUser(t.db, 'staff');
    const res = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('coopera_session='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('XSRF-TOKEN='))).not.toMatch(/HttpOnly/i);
    expect(res.body.user).toMatchObject({ email, role: 'staff' });
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
      .expect(200);
    expect(me.body.email).toBe(email);
  });

  it('answers a wrong password exactly like an unknown user', async () => {
    const { email } = await insertUser(t.db, 'director');
    const wrong = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email, password: 'not-the-password' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: `nobody-${Date.now()}@x.mx`, password: 'whatever-1234' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rate-limits failed sign-ins per account with 429 and Retry-After, even with the right password', async () => {
    const { email } = await insertUser(t.db, 'staff');
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/v1/auth/sign-in')
        .send({ email, password: `wrong-${i}` })
        .expect(401);
    }
    const limited = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rate-limits sign-ins per client address across accounts', async () => {
    // The address comes from X-Forwarded-For because this app trusts its (loopback) proxy.
    const proxied = await bootTestApp({ trustProxy: ['127.0.0.1', '::1'] });
    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    try {
      for (let i = 0; i < 30; i++) {
        await proxied.http
          .post('/api/v1/auth/sign-in')
          .set('X-Forwarded-For', ip)
          .send({ email: `x${i}-${Date.now()}@test.mx`, password: 'wrong-password' })
          .expect(401);
      }
      const res = await proxied.http
        .post('/api/v1/auth/sign-in')
        .set('X-Forwarded-For', ip)
        .send({ email: 'other@test.mx', password: 'x' });
      expect(res.status).toBe(429);
    } finally {
      await proxied.close();
    }
  });

  it('requires the CSRF header on changes made with the session cookie', async () => {
    const staff = await signedIn(t, 'staff');
    const without = await staff.agent
      .post('/api/v1/organisations')
      .send({ name: 'Sin token', type: 'other' })
      .expect(403);
    expect(without.body.code).toBe('CSRF_TOKEN_INVALID');
    await staff
      .post('/api/v1/organisations')
      .send({ name: 'Con token', type: 'other' })
      .expect(201);
  });

  it('signs out: the cookie stops working', async () => {
    const user = await signedIn(t, 'director');
    await user.get('/api/v1/auth/me').expect(200);
    await user.post('/api/v1/auth/sign-out').expect(204);
    await user.get('/api/v1/auth/me').expect(401);
  });

  it('changes the password: the old one stops working, other sessions end', async () => {
    const user = await signedIn(t, 'staff');
    const bad = await user
      .post('/api/v1/auth/password')
      .send({ currentPassword: 'nope', newPassword: 'Otra-Contraseña-99' })
      .expect(400);
    expect(bad.body.code).toBe('WRONG_PASSWORD');
    const short = await user
      .post('/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'corta' })
      .expect(400);
    expect(short.body.details[0]).toMatchObject({ field: 'newPassword', code: 'minLength' });
    await user
      .post('/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Otra-Contraseña-99' })
      .expect(204);
    await user.get('/api/v1/auth/me').expect(200);
    await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.user.email, password: TEST_PASSWORD })
      .expect(401);
    await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.user.email, password: 'Otra-Contraseña-99' })
      .expect(200);
  });

  describe('user administration (on a database of its own: it deactivates every other admin)', () => {
    let own: TestDatabase;
    let main: TestApp;
    beforeAll(async () => {
      main = t;
      own = await createTestDatabase('coopera_test_admins');
      t = await bootTestApp({ databaseUrl: own.url });
    });
    afterAll(async () => {
      await t.close();
      await own.drop();
      t = main;
    });

    it('creates a user with a one-time password, refuses duplicates, and requires an organisation for partners', async () => {
      const admin = await signedIn(t, 'admin');
      const email = `nuevo-${Date.now()}@imeplan.mx`;
      const created = await admin
        .post('/api/v1/users')
        .send({ email, name: 'Nuevo', role: 'staff' })
        .expect(201);
      expect(created.body.temporaryPassword).toEqual(expect.any(String));
      await t.http
        .post('/api/v1/auth/sign-in')
        .send({ email, password: created.body.temporaryPassword })
        .expect(200);
      const before = await countRows(t.db, 'users');
      const dup = await admin
        .post('/api/v1/users')
        .send({ email: email.toUpperCase(), name: 'Otro', role: 'staff' })
        .expect(409);
      expect(dup.body.code).toBe('USER_EMAIL_TAKEN');
      const partner = await admin
        .post('/api/v1/users')
        .send({ email: `p-${Date.now()}@giz.de`, name: 'Socio', role: 'partner' })
        .expect(400);
      expect(partner.body.code).toBe('PARTNER_ORGANISATION_REQUIRED');
      expect(await countRows(t.db, 'users')).toBe(before);
      const org = await newOrganisation(t.db);
      await admin
        .post('/api/v1/users')
        .send({
          email: `p2-${Date.now()}@giz.de`,
          name: 'Socio',
          role: 'partner',
          organisationId: org,
        })
        .expect(201);
    });

    it('does not let a user change their own role, nor remove the last active admin', async () => {
      await t.db.query(`UPDATE users SET active = false WHERE role = 'admin'`);
      const admin = await signedIn(t, 'admin');
      const own = await admin
        .patch(`/api/v1/users/${admin.user.id}`)
        .send({ version: 1, role: 'staff' })
        .expect(403);
      expect(own.body.code).toBe('OWN_ROLE_CHANGE');
      const other = await signedIn(t, 'admin');
      const first = await other
        .patch(`/api/v1/users/${admin.user.id}`)
        .send({ version: 1, active: false })
        .expect(200);
      expect(first.body.active).toBe(false);
      await admin.get('/api/v1/auth/me').expect(401);
      const last = await other.agent.get(`/api/v1/users/${other.user.id}`).expect(200);
      const third = await signedIn(t, 'admin');
      await third
        .patch(`/api/v1/users/${third.user.id}`)
        .send({ version: 1, active: false })
        .expect(403);
      // demoting `other` is fine while `third` remains; then `third` is the last active admin
      await third
        .patch(`/api/v1/users/${other.user.id}`)
        .send({ version: last.body.version, role: 'director' })
        .expect(200);
      const solo = await signedIn(t, 'staff');
      await solo
        .patch(`/api/v1/users/${third.user.id}`)
        .send({ version: 1, role: 'staff' })
        .expect(403);
      const lastAdmin = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
      );
      expect(lastAdmin[0].n).toBe(1);
    });

    it('refuses a stale version when changing a user', async () => {
      const admin = await signedIn(t, 'admin');
      const { id } = await insertUser(t.db, 'staff');
      await admin
        .patch(`/api/v1/users/${id}`)
        .send({ version: 1, name: 'Primer cambio' })
        .expect(200);
      const stale = await admin
        .patch(`/api/v1/users/${id}`)
        .send({ version: 1, role: 'director' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const rows = await t.db.query(`SELECT role, name FROM users WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ role: 'staff', name: 'Primer cambio' });
    });

    it('keeps one active admin when two admins demote each other at the same time (LAST_ADMIN)', async () => {
      const a = await signedIn(t, 'admin');
      const b = await signedIn(t, 'admin');
      await t.db.query(
        `UPDATE users SET active = false WHERE role = 'admin' AND id NOT IN ($1, $2)`,
        [a.user.id, b.user.id],
      );
      const [ab, ba] = await Promise.all([
        a.patch(`/api/v1/users/${b.user.id}`).send({ version: 1, role: 'staff' }),
        b.patch(`/api/v1/users/${a.user.id}`).send({ version: 1, role: 'staff' }),
      ]);
      // The loser is refused either by the guard (it was already demoted: 403) or, when both
      // passed the guard, by the last-admin rule under the lock (409 LAST_ADMIN).
      const [winner, loser] = ab.status === 200 ? [ab, ba] : [ba, ab];
      expect(winner.status).toBe(200);
      expect([403, 409]).toContain(loser.status);
      expect(loser.body.code).toBe(loser.status === 409 ? 'LAST_ADMIN' : 'FORBIDDEN');
      const admins = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
      );
      expect(admins[0].n).toBe(1);
    });
  });
});
