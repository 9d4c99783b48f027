import { AddressInfo, connect } from 'node:net';
import type { Response } from 'supertest';
import { bootTestApp, countRows, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';

/** Issue 17, "Also": HSTS and upgrade-insecure-requests only over https (or by HSTS=on). */
describe('HSTS and upgrade-insecure-requests follow the scheme', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));
  const boot = async (overrides: Parameters<typeof bootTestApp>[0]) => {
    const t = await bootTestApp(overrides);
    apps.push(t);
    return t;
  };

  it('over plain http neither is sent; over https (via a trusted proxy) both are', async () => {
    const t = await boot({ trustProxy: ['127.0.0.1', '::1'] });
    const http = await t.http.get('/api/health/live').expect(200);
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(http.headers['content-security-policy']).toContain("default-src 'self'");
    expect(http.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const https = await t.http
      .get('/api/health/live')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    expect(https.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('a client cannot claim https through an untrusted proxy header; HSTS=on / off decide alone', async () => {
    const untrusted = await boot({});
    const spoofed = await untrusted.http
      .get('/api/health/live')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const on = await boot({ hsts: 'on' });
    const always = await on.http.get('/api/health/live').expect(200);
    expect(always.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(always.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const off = await boot({ hsts: 'off', trustProxy: 1 });
    const never = await off.http
      .get('/api/health/live')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    expect(never.headers['strict-transport-security']).toBeUndefined();
  });
});

/** Issue 17, items 6 and 7: JSON-only writes, no cross-site writes, standard shape for every refusal. */
describe('request bodies, origins and framework errors', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  beforeAll(async () => {
    t = await bootTestApp();
    staff = await signedIn(t, 'staff');
  });
  afterAll(() => t.close());

  const expectStandard = (res: Response, status: number, code: string) => {
    expect({ status: res.status, body: res.body }).toEqual({
      status,
      body: {
        statusCode: status,
        code,
        message: expect.any(String),
        ...(res.body.details ? { details: res.body.details } : {}),
      },
    });
  };

  it('refuses a sign-in sent as an HTML form (urlencoded, multipart or text/plain) with 415', async () => {
    const { email } = await insertUser(t.db, 'staff');
    const form = await t.http
      .post('/api/v1/auth/sign-in')
      .type('form')
      .send({ email, password: TEST_PASSWORD });
    expectStandard(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(form.headers['set-cookie']).toBeUndefined();
    const multipart = await t.http
      .post('/api/v1/auth/sign-in')
      .field('email', email)
      .field('password', TEST_PASSWORD);
    expectStandard(multipart, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const text = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email, password: TEST_PASSWORD }));
    expectStandard(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await t.http.post('/api/v1/auth/sign-in').send({ email, password: TEST_PASSWORD }).expect(200);
  });

  it('takes JSON on every write, and the upload format only on upload routes', async () => {
    const before = await countRows(t.db, 'organisations');
    const form = await staff
      .post('/api/v1/organisations')
      .type('form')
      .send({ name: 'Formulario', type: 'other' });
    expectStandard(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const csv = await staff
      .post('/api/v1/organisations')
      .set('Content-Type', 'text/csv')
      .send('name,type');
    expectStandard(csv, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countRows(t.db, 'organisations')).toBe(before);
    // Bodyless writes (sign-out, revoke…) need no content type.
    const user = await signedIn(t, 'director');
    await user.post('/api/v1/auth/sign-out').expect(204);
    // The exchange-rate import still takes text/csv; evidence still takes multipart.
    const admin = await signedIn(t, 'admin');
    await admin
      .post('/api/v1/exchange-rates/import?currency=USD&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send('2024-01-02,17.0')
      .expect(200);
  });

  it('refuses writes another site makes the browser send (Origin, Sec-Fetch-Site)', async () => {
    const { email } = await insertUser(t.db, 'staff');
    const evil = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Origin', 'https://evil.example')
      .send({ email, password: TEST_PASSWORD });
    expectStandard(evil, 403, 'CROSS_SITE_REQUEST');
    expect(evil.headers['set-cookie']).toBeUndefined();
    const fetchMeta = await staff
      .post('/api/v1/organisations')
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ name: 'Ajena', type: 'other' });
    expectStandard(fetchMeta, 403, 'CROSS_SITE_REQUEST');
    const nullOrigin = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Origin', 'null')
      .send({ email, password: TEST_PASSWORD });
    expectStandard(nullOrigin, 403, 'CROSS_SITE_REQUEST');
    // The app's own origin and same-origin fetches pass; reads are not affected.
    await t.http
      .post('/api/v1/auth/sign-in')
      .set('Host', 'coopera.local:3000')
      .set('Origin', 'http://coopera.local:3000')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    await staff.get('/api/v1/actions').set('Sec-Fetch-Site', 'cross-site').expect(200);
  });

  it('answers deeply nested JSON with 400 NESTING_TOO_DEEP, signed in or not', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const signIn = await t.http
      .post('/api/v1/auth/sign-in')
      .set('Content-Type', 'application/json')
      .send(deepObject);
    expectStandard(signIn, 400, 'NESTING_TOO_DEEP');
    const create = await staff
      .post('/api/v1/actions')
      .set('Content-Type', 'application/json')
      .send(`{"code":"X","notes":${deep}}`);
    expectStandard(create, 400, 'NESTING_TOO_DEEP');
    // Brackets inside strings do not count.
    const quoted = await staff
      .post('/api/v1/organisations')
      .send({ name: `${'['.repeat(200)} Org`, type: 'other' });
    expect(quoted.status).toBe(201);
  });

  it('answers a deeply nested XML import with 400 NESTING_TOO_DEEP, nothing written', async () => {
    const before = await countRows(t.db, 'actions');
    const xml =
      '<?xml version="1.0"?><iati-activities version="2.03">' +
      '<x>'.repeat(100_000) +
      '</x>'.repeat(100_000) +
      '</iati-activities>';
    const res = await staff
      .post('/api/v1/imports/iati?dryRun=false')
      .attach('file', Buffer.from(xml), 'deep.xml');
    expectStandard(res, 400, 'NESTING_TOO_DEEP');
    expect(await countRows(t.db, 'actions')).toBe(before);
  });

  it('answers too-large headers (431) and unknown methods in the standard shape', async () => {
    const big = await rawRequest(
      t,
      `GET /api/v1/actions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body)).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
    const bogus = await rawRequest(t, `BOGUS /api/v1/actions HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(bogus.status).toBe(400);
    expect(JSON.parse(bogus.body)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    const propfind = await rawRequest(t, `PROPFIND /api/v1/actions HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(propfind.status).toBeGreaterThanOrEqual(400);
    expect(propfind.status).toBeLessThan(500);
    expect(JSON.parse(propfind.body)).toMatchObject({
      statusCode: propfind.status,
      code: expect.any(String),
      message: expect.any(String),
    });
    const badUrl = await rawRequest(t, `GET /api/v1/actions/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(badUrl.status).toBe(400);
    expect(JSON.parse(badUrl.body)).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });
});

/** Sends raw bytes to the app's server and reads the status and body of the answer. */
async function rawRequest(t: TestApp, raw: string): Promise<{ status: number; body: string }> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let data = '';
    socket.on('data', (c) => {
      data += c.toString();
      const [head, body = ''] = data.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (length >= 0 && Buffer.byteLength(body) >= length) {
        socket.destroy();
        resolve({ status: Number(head.split(' ')[1]), body });
      }
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
  });
}
