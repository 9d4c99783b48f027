import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';

const signIn = (t: TestApp, email: string, password: string, forwardedFor?: string) => {
  const req = t.http.post('/api/v1/auth/sign-in');
  if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
  return req.send({ email, password });
};

/** Issue 17, item 5: X-Forwarded-For is believed only from configured proxies (TRUST_PROXY). */
describe('proxy headers are trusted only from configured proxies', () => {
  // The per-address counter of 127.0.0.1 fills up here: on a database of its own.
  let own: TestDatabase;
  beforeAll(async () => {
    own = await createTestDatabase('coopera_test_proxy');
  });
  afterAll(() => own.drop());

  it('by default, rotating X-Forwarded-For does not escape the per-address sign-in limit', async () => {
    const t = await bootTestApp({ databaseUrl: own.url });
    try {
      for (let i = 0; i < 30; i++) {
        await signIn(t, `x${i}@test.mx`, 'wrong-password', `10.1.${i}.7`).expect(401);
      }
      const res = await signIn(t, 'other@test.mx', 'wrong-password', '10.2.0.1').expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      const { email } = await insertUser(t.db, 'staff');
      await signIn(t, email, TEST_PASSWORD, '192.0.2.44').expect(429);
    } finally {
      await t.close();
    }
  });

  it('records the client address a listed proxy forwards, and ignores it from anyone else', async () => {
    const trusting = await bootTestApp({ databaseUrl: own.url, trustProxy: ['127.0.0.1'] });
    const other = await bootTestApp({ databaseUrl: own.url, trustProxy: ['10.0.0.0/8'] });
    const hops = await bootTestApp({ databaseUrl: own.url, trustProxy: 1 });
    try {
      await trusting.db.query(`DELETE FROM rate_limits`);
      const ipOf = async (t: TestApp) => {
        const { id, email } = await insertUser(t.db, 'director');
        await signIn(t, email, TEST_PASSWORD, '203.0.113.9').expect(200);
        const [row] = await t.db.query(`SELECT ip FROM sessions WHERE user_id = $1`, [id]);
        return row.ip as string;
      };
      expect(await ipOf(trusting)).toBe('203.0.113.9');
      expect(await ipOf(hops)).toBe('203.0.113.9');
      expect(await ipOf(other)).toMatch(/127\.0\.0\.1/);
    } finally {
      await Promise.all([trusting.close(), other.close(), hops.close()]);
    }
  });
});
