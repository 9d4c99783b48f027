import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

/**
 * The SQL each kind of request sends, as a reviewable snapshot (as Immich keeps its `.sql` files): the
 * dashboard, scoping and export queries are assembled from strings in several files, so a change to any
 * piece shows here, in review, as a diff of the statements. Parameters are `$n` placeholders, so the
 * text does not depend on the data. After a deliberate change: `npx jest -c api/jest.config.cts
 * api/test/sql-shapes -u` and read the diff of `__snapshots__/sql-shapes.int-spec.ts.snap`.
 */
describe('SQL shapes', () => {
  // Its own database: which groups a dashboard returns (and so which statements it sends) depends on
  // the data, and the run's shared database holds whatever the other suites wrote.
  let db: TestDatabase;
  let t: TestApp;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let actionId: string;
  const captured: string[] = [];
  let capturing = false;
  const original = Client.prototype.query;

  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_sql_shapes');
    t = await bootTestApp({ answerCacheBytes: 0, databaseUrl: db.url });
    const org = await newOrganisation(t.db, { name: 'GIZ', acronym: 'GIZ', type: 'bilateral' });
    const staff = await signedIn(t, 'staff');
    const created = await staff.post('/api/v1/actions').send({
      code: `SQL-${randomUUID().slice(0, 6)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción de referencia',
      instituteRole: 'recipient',
      status: 'implementation',
      modality: 'technical',
      participations: [{ organisationId: org, role: 'funding' }],
      funding: [
        {
          type: 'commitment',
          amount: '1000.00',
          currency: 'USD',
          valueDate: '2024-01-15',
          providerId: org,
        },
      ],
    });
    expect(created.status).toBe(201);
    actionId = created.body.id;
    director = await signedIn(t, 'director');
    partner = await signedIn(t, 'partner', { organisationId: org });
    (Client.prototype as unknown as { query: unknown }).query = function (
      this: Client,
      ...args: unknown[]
    ) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : config?.text;
      if (capturing && text) captured.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await t.close();
    await db.drop();
  });

  /** The distinct statements one request sends, in a stable order. */
  async function shapes(agent: SignedInAgent, url: string): Promise<string[]> {
    captured.length = 0;
    capturing = true;
    const res = await agent.get(url);
    capturing = false;
    expect(res.status).toBe(200);
    // Each statement as written in the code, one line per source line, indentation dropped.
    const tidy = (sql: string) =>
      sql
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n');
    return [...new Set(captured.map(tidy))]
      .filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SET |SHOW )/i.test(s))
      .sort();
  }

  const dashboard = [
    'summary',
    'summary?currency=USD&q=agua&yearFrom=2020',
    'by-partner',
    'by-partner?theme=genero',
    'by-year',
    'by-theme',
    'by-sdg',
    'by-municipality',
    'by-status',
    'milestones',
  ];

  it.each(dashboard)('director: GET dashboard/%s', async (path) => {
    expect(await shapes(director, `/api/v1/dashboard/${path}`)).toMatchSnapshot();
  });

  it.each(['summary', 'by-partner'])('partner: GET dashboard/%s', async (path) => {
    expect(await shapes(partner, `/api/v1/dashboard/${path}`)).toMatchSnapshot();
  });

  it.each([
    ['director', 'actions?q=agua%20guadalajara&status=implementation&sort=-updatedAt'],
    ['partner', 'actions'],
    ['director', 'exports/actions.csv'],
    ['partner', 'exports/funding.csv'],
  ] as const)('%s: GET %s', async (who, path) => {
    expect(
      await shapes(who === 'director' ? director : partner, `/api/v1/${path}`),
    ).toMatchSnapshot();
  });

  it('director and partner: GET actions/:id', async () => {
    expect(await shapes(director, `/api/v1/actions/${actionId}`)).toMatchSnapshot('director');
    expect(await shapes(partner, `/api/v1/actions/${actionId}`)).toMatchSnapshot('partner');
  });
});
