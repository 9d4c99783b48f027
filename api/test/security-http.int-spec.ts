import { bootTestApp, TestApp } from './support/test-app';

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
