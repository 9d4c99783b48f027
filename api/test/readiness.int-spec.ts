import { createServer, Server, Socket } from 'node:net';
import { bootTestApp, TestApp, testDatabaseUrl } from './support/test-app';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, like a network fault. */
class FaultyLink {
  private server?: Server;
  private sockets = new Set<Socket>();
  constructor(
    private readonly target: { host: string; port: number },
    public port = 0,
  ) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

describe('readiness follows the database without a restart', () => {
  let t: TestApp;
  let link: FaultyLink;
  beforeAll(async () => {
    const url = new URL(testDatabaseUrl());
    link = new FaultyLink({ host: url.hostname, port: Number(url.port || 5432) });
    await link.open();
    url.hostname = '127.0.0.1';
    url.port = String(link.port);
    t = await bootTestApp({ databaseUrl: url.toString(), dbTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await t.close();
    await link.cut();
  });

  it('answers 200, then 503 while the database is unreachable, then 200 again', async () => {
    await t.http.get('/api/health/ready').expect(200);
    await link.cut();
    const down = await t.http.get('/api/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    const started = Date.now();
    const request = await t.http.get('/api/v1/auth/me').set('Cookie', 'coopera_session=abc');
    expect(request.status).toBe(503);
    expect(request.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(5000);
    await t.http.get('/api/health/live').expect(200);
    await link.open();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await t.http.get('/api/health/ready')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });
});
