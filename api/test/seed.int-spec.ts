import { DemoSeeder } from '../src/seed/demo-seeder';
import { PORTFOLIO } from '../src/seed/portfolio-data';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';

describe('demo portfolio seed (on an empty database of its own)', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_seed');
    t = await bootTestApp({ databaseUrl: db.url, demoData: true });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('loads the real portfolio once; running it again changes nothing', async () => {
    const seeder = t.app.get(DemoSeeder);
    const first = await seeder.seedIfEmpty();
    expect(first.seeded).toBe(true);
    expect(first.counts['actions']).toBe(PORTFOLIO.actions.length);
    expect(first.counts['users']).toBe(4);
    const tables = [
      'organisations',
      'actions',
      'participations',
      'funding',
      'milestones',
      'results',
      'indicators',
      'users',
    ];
    const before = await Promise.all(tables.map((tb) => countRows(t.db, tb)));
    const second = await seeder.seedIfEmpty();
    expect(second.seeded).toBe(false);
    expect(await Promise.all(tables.map((tb) => countRows(t.db, tb)))).toEqual(before);
  });

  it('keeps the amounts exactly as the documents state them, ceilings apart from money executed', async () => {
    const rows: { code: string; type: string; amount: string; currency: string | null }[] =
      await t.db.query(
        `SELECT a.code, f.type, f.amount::text AS amount, f.currency FROM funding f JOIN actions a ON a.id = f.action_id ORDER BY f.amount DESC`,
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'ceiling', amount: '16187025.00', currency: 'MXN' }),
        expect.objectContaining({ type: 'ceiling', amount: '12952444.43', currency: 'MXN' }),
        expect.objectContaining({ type: 'expenditure', amount: '1079370.37', currency: 'MXN' }),
        expect.objectContaining({ amount: '1000.00', currency: 'USD' }),
        expect.objectContaining({ type: 'prize', amount: '361000.00', currency: null }),
      ]),
    );
  });

  it('signs in every demo role and finds "Árbol IoT" searching "arbol"', async () => {
    for (const [email, password] of [
      ['admin@coopera.demo', 'Coopera-Admin-2024'],
      ['personal@coopera.demo', 'Coopera-Personal-2024'],
      ['direccion@coopera.demo', 'Coopera-Direccion-2024'],
      ['giz@coopera.demo', 'Coopera-Socio-2024'],
    ]) {
      await t.http.post('/api/v1/auth/sign-in').send({ email, password }).expect(200);
    }
    const agent = (await import('supertest')).default.agent(t.app.getHttpServer());
    await agent
      .post('/api/v1/auth/sign-in')
      .send({ email: 'direccion@coopera.demo', password: 'Coopera-Direccion-2024' })
      .expect(200);
    const res = await agent.get('/api/v1/actions?q=arbol').expect(200);
    expect(res.body.items.map((a: { titleEs: string }) => a.titleEs)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Árbol IoT/)]),
    );
    const partner = (await import('supertest')).default.agent(t.app.getHttpServer());
    await partner
      .post('/api/v1/auth/sign-in')
      .send({ email: 'giz@coopera.demo', password: 'Coopera-Socio-2024' })
      .expect(200);
    const own = await partner.get('/api/v1/actions?pageSize=100').expect(200);
    const gizActions: { n: number }[] = await t.db.query(
      `SELECT count(DISTINCT p.action_id)::int AS n FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = 'giz'`,
    );
    expect(own.body.total).toBe(gizActions[0].n);
    expect(own.body.total).toBeLessThan(PORTFOLIO.actions.length);
  });
});
