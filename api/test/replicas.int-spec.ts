import request from 'supertest';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * Two application instances (separate Nest containers, connection pools and memory) on one
 * database behave as one: what one replica knows, the other knows, because it lives in PostgreSQL.
 */
describe('two API replicas on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([bootTestApp(), bootTestApp()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('accepts on one replica a session signed in on the other, and signing out ends it on both', async () => {
    const { email } = await insertUser(a.db, 'director');
    const signIn = await request(a.app.getHttpServer())
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    const cookie = ([] as string[])
      .concat(signIn.headers['set-cookie'] ?? [])
      .map((c) => c.split(';')[0])
      .join('; ');
    await request(b.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    await request(b.app.getHttpServer())
      .post('/api/v1/auth/sign-out')
      .set('Cookie', cookie)
      .set('X-XSRF-TOKEN', signIn.body.csrfToken)
      .expect(204);
    await request(a.app.getHttpServer()).get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('counts failed sign-ins across replicas: the limit is shared', async () => {
    const { email } = await insertUser(a.db, 'staff');
    for (let i = 0; i < 5; i++) {
      const replica = i % 2 === 0 ? a : b;
      await request(replica.app.getHttpServer())
        .post('/api/v1/auth/sign-in')
        .send({ email, password: `wrong-${i}` })
        .expect(401);
    }
    const res = await request(b.app.getHttpServer())
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
