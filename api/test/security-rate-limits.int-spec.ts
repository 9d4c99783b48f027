import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn } from './support/factories';

/** Issue 17, item 4: the per-account limits hold when the attempts arrive all at once. */
describe('sign-in and password-change limits hold under parallel bursts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('a burst of 12 wrong passwords: 5 are checked, the rest and then the right one get 429', async () => {
    const { email } = await insertUser(t.db, 'staff');
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http.post('/api/v1/auth/sign-in').send({ email, password: `wrong-${i}` }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const right = await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(429);
    expect(right.body.code).toBe('RATE_LIMITED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a burst of wrong current passwords on POST auth/password: 5 are checked, then 429', async () => {
    const user = await signedIn(t, 'director');
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        user
          .post('/api/v1/auth/password')
          .send({ currentPassword: `wrong-${i}`, newPassword: 'Otra-Contraseña-99' }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    await user
      .post('/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Otra-Contraseña-99' })
      .expect(429);
    // The password did not change.
    await t.http
      .post('/api/v1/auth/sign-in')
      .send({ email: user.user.email, password: TEST_PASSWORD })
      .expect(200);
  });

  it('a right current password clears the count', async () => {
    const user = await signedIn(t, 'staff');
    for (let i = 0; i < 4; i++) {
      await user
        .post('/api/v1/auth/password')
        .send({ currentPassword: `wrong-${i}`, newPassword: 'Otra-Contraseña-99' })
        .expect(400);
    }
    await user
      .post('/api/v1/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Otra-Contraseña-99' })
      .expect(204);
    for (let i = 0; i < 4; i++) {
      await user
        .post('/api/v1/auth/password')
        .send({ currentPassword: `wrong-${i}`, newPassword: 'Tercera-Contraseña-99' })
        .expect(400);
    }
  });
});
