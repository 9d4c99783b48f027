import { bootTestApp, TestApp } from './support/test-app';

describe('foundation (real PostgreSQL over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http.get('/api/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/api/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('runs each statement on one core by default (DB_PARALLEL_WORKERS=0), on every connection', async () => {
    const settings: { value: string }[][] = await Promise.all(
      Array.from({ length: 3 }, () =>
        t.db.query(`SELECT current_setting('max_parallel_workers_per_gather') AS value`),
      ),
    );
    expect(settings.map(([s]) => s.value)).toEqual(['0', '0', '0']);
  });

  it('gives every response a request id of its own, never the one the client sent', async () => {
    const own = await t.http.get('/api/health/live');
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const passed = await t.http.get('/api/health/live').set('X-Request-Id', 'proxy-1234567890');
    expect(passed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/health/ready', '/api/v1/auth/sign-in']),
    );
  });

  it('does not serve the API docs in production unless API_DOCS=true', async () => {
    const prod = await bootTestApp({ env: 'production', apiDocs: false });
    try {
      await prod.http.get('/api/docs-json').expect(404);
    } finally {
      await prod.close();
    }
  });

  it('answers unknown API routes with the standard error shape, in Spanish by default', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'La ruta no existe.',
    });
    const en = await t.http
      .get('/api/v1/nothing-here')
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .expect(404);
    expect(en.body.message).toBe('The route does not exist.');
  });

  it('rejects malformed JSON and oversized bodies with 400 and 413 in the same shape', async () => {
    const bad = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const big = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024), password: 'x' }))
      .expect(413);
    expect(big.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/api/health/live');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
