import { AnswerCache } from '../src/cache/answer-cache';
import { ANSWER_CACHE } from '../src/cache/answer-cache.interceptor';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { expectedMoney, moneyPortfolio, MoneyPortfolio } from './support/money-portfolio';

/**
 * The dashboard answers under the same filters as the action list (one filter DTO, one SQL
 * builder): on a generated portfolio of its own database, every key figure under each filter
 * equals a sum PostgreSQL computes here over the actions that filter selects, written
 * independently of the API's SQL. Also: answers cached per filter.
 */
describe('money under every list filter (own database, generated portfolio)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let director: SignedInAgent;
  let orgs: MoneyPortfolio['orgs'];

  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_money_filters');
    t = await bootTestApp({ databaseUrl: db.url });
    director = await signedIn(t, 'director');
    ({ orgs } = await moneyPortfolio(t));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const FILTERS: [string, () => string, () => string][] = [
    ['none', () => '', () => 'TRUE'],
    ['search (accents ignored)', () => 'q=arbol', () => `a.title_es LIKE 'Árbol%'`],
    ['kind', () => 'kind=award', () => `a.kind = 'award'`],
    ['status', () => 'status=closed,pipeline', () => `a.status IN ('closed', 'pipeline')`],
    ['modality', () => 'modality=financial', () => `a.modality = 'financial'`],
    ['theme', () => 'theme=movilidad', () => `'movilidad' = ANY(a.themes)`],
    ['municipality', () => 'municipality=Tonalá', () => `'Tonalá' = ANY(a.municipalities)`],
    ['SDG', () => 'sdg=11', () => `11 = ANY(a.sdgs)`],
    [
      'partner',
      () => `partner=${orgs[0].id}`,
      () =>
        `a.id IN (SELECT action_id FROM participations WHERE organisation_id = '${orgs[0].id}')`,
    ],
    [
      'partner type',
      () => 'partnerType=multilateral,city_network',
      () =>
        `a.id IN (SELECT p.action_id FROM participations p JOIN organisations o ON o.id = p.organisation_id
                   WHERE o.type IN ('multilateral', 'city_network'))`,
    ],
    [
      'year range',
      () => 'yearFrom=2019&yearTo=2020',
      () =>
        `coalesce(a.actual_start, a.planned_start) <= '2020-12-31' AND a.planned_end >= '2019-01-01'`,
    ],
    [
      'partner + year range + theme',
      () => `partner=${orgs[0].id}&yearFrom=2018&yearTo=2021&theme=movilidad,genero`,
      () =>
        `a.id IN (SELECT action_id FROM participations WHERE organisation_id = '${orgs[0].id}')
         AND coalesce(a.actual_start, a.planned_start) <= '2021-12-31' AND a.planned_end >= '2018-01-01'
         AND a.themes && ARRAY['movilidad', 'genero']`,
    ],
  ];

  it.each(FILTERS)(
    'dashboard totals under the %s filter equal SQL sums over the actions it selects',
    async (_name, query, where) => {
      const { figures, actions } = await expectedMoney(t, where(), 'MXN');
      expect(actions).toBeGreaterThan(0);
      const list = await director.get(`/api/v1/actions?${query()}&pageSize=1`).expect(200);
      expect(list.body.total).toBe(actions);
      for (const currency of ['MXN', 'USD']) {
        const want =
          currency === 'MXN' ? figures : (await expectedMoney(t, where(), currency)).figures;
        const res = await director
          .get(`/api/v1/dashboard/summary?${query()}&currency=${currency}`)
          .expect(200);
        expect(res.body.actions).toBe(actions);
        for (const cls of ['ceilings', 'committed', 'executed', 'inKind']) {
          const figure = res.body.money[cls];
          expect({
            cls,
            total: figure.total,
            n: figure.records,
            left: figure.unconvertedCount,
          }).toEqual({
            cls,
            total: want.get(cls)?.total ?? '0.00',
            n: want.get(cls)?.records ?? 0,
            left: want.get(cls)?.unconverted ?? 0,
          });
        }
        // The groupings answer under the same filter: by status adds up to the summary.
        const byStatus = await director
          .get(`/api/v1/dashboard/by-status?${query()}&currency=${currency}`)
          .expect(200);
        const committed = byStatus.body.groups.reduce(
          (sum: number, g: { money: { committed: { records: number } } }) =>
            sum + g.money.committed.records,
          0,
        );
        expect(committed).toBe(want.get('committed')?.records ?? 0);
      }
    },
  );

  it('refuses a filter the list would refuse, in the standard error shape', async () => {
    for (const bad of ['sdg=18', 'yearFrom=20x', 'partner=GIZ', 'partnerType=spaceship']) {
      const res = await director.get(`/api/v1/dashboard/summary?${bad}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('caches each filter’s answer under its own key', async () => {
    const cache = t.app.get<AnswerCache>(ANSWER_CACHE);
    const all = await director.get('/api/v1/dashboard/summary').expect(200);
    const hits = cache.hits;
    const theme = await director.get('/api/v1/dashboard/summary?theme=movilidad').expect(200);
    expect(cache.hits).toBe(hits);
    expect(theme.body.actions).toBeLessThan(all.body.actions);
    expect(theme.headers['etag']).not.toBe(all.headers['etag']);
    const again = await director.get('/api/v1/dashboard/summary?theme=movilidad').expect(200);
    expect(cache.hits).toBe(hits + 1);
    expect(again.body).toEqual(theme.body);
    const year = await director.get('/api/v1/dashboard/summary?theme=movilidad&yearFrom=2020');
    expect(year.body.actions).toBeLessThanOrEqual(theme.body.actions);
    expect(year.headers['etag']).not.toBe(theme.headers['etag']);
  });
});
