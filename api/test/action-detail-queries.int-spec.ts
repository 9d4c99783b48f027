import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent, newAction } from './support/factories';

/** The action detail is one statement besides the session check (which reads the data version too). */
describe('action detail round trips', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  // Installed before the app opens its connections: every statement they send is seen here.
  const sent = jest.spyOn(Client.prototype, 'query');
  beforeAll(async () => {
    t = await bootTestApp({ answerCacheBytes: 0 });
    staff = await signedIn(t, 'staff');
  });
  afterAll(async () => {
    sent.mockRestore();
    await t.close();
  });

  it('reads an action with all its parts in 2 queries (session, detail), the same answer as before', async () => {
    const created = await newAction(staff, {
      code: `Q-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción con partes',
      instituteRole: 'recipient',
      funding: [{ type: 'ceiling', amount: '1000.50', currency: 'MXN', valueDate: '2024-02-01' }],
      milestones: [
        { type: 'kickoff', title: 'Arranque', plannedDate: '2024-01-10' },
        { type: 'workshop', title: 'Taller', plannedDate: '2099-01-10' },
      ],
      results: [
        {
          statement: 'Resultado',
          indicators: [{ name: 'Árboles', unit: 'árboles', baseline: '0', target: '10' }],
        },
      ],
    });
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const detail = await staff.get(`/api/v1/actions/${created.id}`).expect(200);
    const statements = spy.mock.calls.map((call) => String(call[0]));
    spy.mockRestore();
    expect(statements.length).toBeLessThanOrEqual(2);
    expect(detail.body).toEqual(created);
    expect(detail.body.milestones.map((m: { title: string }) => m.title)).toEqual([
      'Arranque',
      'Taller',
    ]);
    expect(detail.body.funding[0]).toMatchObject({ amount: '1000.50', valueDate: '2024-02-01' });
    expect(detail.body.results[0].indicators[0]).toMatchObject({ baseline: '0', target: '10' });
  });

  it('runs the session and the detail as named prepared statements (planned once per connection)', async () => {
    const { body } = await staff
      .post('/api/v1/actions')
      .send({
        code: `P-${randomUUID().slice(0, 8)}`,
        kind: 'award',
        titleEs: 'Premio',
        instituteRole: 'recipient',
      })
      .expect(201);
    sent.mockClear();
    await staff.get(`/api/v1/actions/${body.id}`).expect(200);
    const named = sent.mock.calls
      .map((call) => call[0] as unknown)
      .filter(
        (c): c is { name: string; text: string } =>
          typeof c === 'object' && c !== null && 'name' in c,
      );
    expect(named.map((c) => c.name)).toEqual([
      expect.stringMatching(/^coopera_/),
      expect.stringMatching(/^coopera_/),
    ]);
    expect(named[0].text).toContain('FROM sessions s JOIN users u');
    expect(named[1].text).toContain('FROM actions a LEFT JOIN organisations i');
  });
});
