import { bootTestApp, TestApp } from './support/test-app';
import { newAction, signedIn, SignedInAgent } from './support/factories';

/**
 * Parts one transaction writes (the demo portfolio, an import) are listed in the order they were
 * written, on every database: their `created_at` is read per row, not once per transaction, so
 * the random uuid never decides the order.
 */
describe('parts written together keep their order', () => {
  let t: TestApp;
  let staff: SignedInAgent;

  beforeAll(async () => {
    t = await bootTestApp();
    staff = await signedIn(t, 'staff');
  });

  afterAll(() => t.close());

  it('lists results and their indicators inserted in one transaction in insertion order', async () => {
    const action = await newAction(staff);
    // uuids in descending order, so a tie on created_at broken by id would reverse the list.
    const ids = ['ffffffff', 'bbbbbbbb', '33333333'].map((p) => `${p}-0000-4000-8000-000000000000`);
    await t.db.transaction(async (m) => {
      for (const [i, id] of ids.entries()) {
        await m.query(`INSERT INTO results (id, action_id, statement) VALUES ($1, $2, $3)`, [
          id,
          action.id,
          `Resultado ${i + 1}`,
        ]);
      }
      for (const [i, name] of ['Indicador A', 'Indicador B', 'Indicador C'].entries()) {
        await m.query(`INSERT INTO indicators (id, result_id, name) VALUES ($1, $2, $3)`, [
          ids[i],
          ids[0],
          name,
        ]);
      }
    });

    const res = await staff.get(`/api/v1/actions/${action.id}`).expect(200);
    const results = res.body.results as { statement: string; indicators: { name: string }[] }[];
    expect(results.map((r) => r.statement)).toEqual(['Resultado 1', 'Resultado 2', 'Resultado 3']);
    expect(results[0].indicators.map((i) => i.name)).toEqual([
      'Indicador A',
      'Indicador B',
      'Indicador C',
    ]);
  });
});
