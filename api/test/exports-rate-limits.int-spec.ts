import { bootTestApp, TestApp } from './support/test-app';
import { binary } from './support/binary';
import { signedIn } from './support/factories';

describe('export rate limits (429 with Retry-After, counted in PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ exportsPerMinute: 3 });
  });
  afterAll(() => t.close());

  it('lets a user export the configured number of files per minute, then answers 429; others are unaffected', async () => {
    const staff = await signedIn(t, 'staff');
    const other = await signedIn(t, 'director');
    for (const path of ['actions.csv', 'funding.csv', 'portfolio.xlsx']) {
      await staff.get(`/api/v1/exports/${path}`).buffer(true).parse(binary).expect(200);
    }
    const limited = await staff.get('/api/v1/exports/milestones.csv').expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limited.body.details).toEqual({ retryAfterSeconds: wait });
    // Another user keeps their own allowance; reading the portfolio itself is never limited.
    await other.get('/api/v1/exports/actions.csv').expect(200);
    await staff.get('/api/v1/actions').expect(200);
    // The counter lives in PostgreSQL (rate_limits), so replicas share it like sign-in limits.
    const rows = await t.db.query(`SELECT count FROM rate_limits WHERE key = $1`, [
      `exports:user:${staff.user.id}`,
    ]);
    expect(rows).toEqual([{ count: 3 }]);
  });
});
