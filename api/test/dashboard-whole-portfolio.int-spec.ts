import { randomUUID } from 'node:crypto';
import { SqlParams } from '../src/common/sql-scope';
import {
  Grouping,
  moneySource,
  moneySql,
  portfolioScope,
  PortfolioScope,
  scopedActions,
  weightsSql,
} from '../src/dashboard/dashboard-sql';
import { GROUPINGS } from '../src/dashboard/dashboard.service';
import { milestonesDue, overdueMilestones } from '../src/dashboard/dashboard-milestones';
import { TODAY_SQL } from '../src/common/calendar-sql';
import type { GroupDto } from '../src/dashboard/dto/dashboard.dto';
import { REPORTING_CURRENCIES } from '../src/common/money';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

/**
 * Over the whole portfolio, money by partner and by partner type is read from the per-provider
 * rollup, money by year from the per-year-and-modality one, and money by theme, SDG,
 * municipality and status from the per-tag one, less the archived actions' money; with any filter (or for a
 * partner) it is summed from the records (or the per-action totals) in scope. Both must give the
 * same figures, to the cent.
 */
describe('dashboard over the whole portfolio (rollups, real PostgreSQL)', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let provider: string;
  let active: string;
  let archivedId: string;
  const director_ = { role: 'director' as const, organisationId: null };

  beforeAll(async () => {
    t = await bootTestApp();
    director = await signedIn(t, 'director');
    provider = await newOrganisation(t.db, { name: `Whole ${randomUUID()}`, type: 'private' });
    const action = async (archived: boolean) => {
      const [a]: { id: string }[] = await t.db.query(
        `INSERT INTO actions (code, kind, title_es, institute_role, archived_at, modality,
                              themes, sdgs, municipalities, status)
         VALUES ($1, 'cooperation_project', 'Cartera completa', 'recipient', $2, 'humanitarian',
                 $3, $4, $5, 'closed')
         RETURNING id`,
        archived
          ? [`WH-${randomUUID()}`, new Date(), ['agua', 'clima'], [6], []]
          : [`WH-${randomUUID()}`, null, ['agua'], [6, 11], ['Zapopan']],
      );
      return a.id;
    };
    active = await action(false);
    const archived = await action(true);
    archivedId = archived;
    // Amounts far above anything else in the test database: this provider ranks first.
    await t.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id) VALUES
         ($1, 'disbursement', '9000000000000.01', 'MXN', '2024-05-01', $3),
         ($1, 'commitment', '0.99', 'MXN', NULL, $3),
         ($1, 'disbursement', '7.00', NULL, '2024-05-01', $3),
         ($2, 'disbursement', '500.00', 'MXN', '2024-05-01', $3),
         ($2, 'ceiling', '25.00', 'MXN', '2024-05-01', $3),
         ($1, 'expenditure', '3.10', 'MXN', '2193-02-01', NULL),
         ($2, 'expenditure', '4.20', 'MXN', '2193-02-01', NULL)`,
      [active, archived, provider],
    );
  });
  afterAll(() => t.close());

  it('reads the whole portfolio only without filters, and never for a partner', () => {
    expect(portfolioScope({}, director_)).toBe('unarchived');
    expect(portfolioScope({ archived: true }, director_)).toBe('all');
    expect(portfolioScope({ kind: ['award'] }, director_)).toBeNull();
    expect(portfolioScope({ q: 'agua' }, director_)).toBeNull();
    expect(portfolioScope({}, { role: 'partner', organisationId: provider })).toBeNull();
  });

  it('leaves archived actions out of money by partner unless asked for', async () => {
    const top = async (query: string) => {
      const res = await director.get(`/api/v1/dashboard/by-partner?limit=1${query}`).expect(200);
      expect(res.body.groups[0].key).toBe(provider);
      return res.body.groups[0].money;
    };
    const unarchived = await top('');
    expect(unarchived.executed).toMatchObject({
      total: '9000000000000.01',
      records: 2,
      unconvertedCount: 1,
      byCurrency: [{ currency: 'MXN', amount: '9000000000000.01', converted: '9000000000000.01' }],
    });
    expect(unarchived.committed).toMatchObject({ total: '0.99', records: 1 });
    expect(unarchived.ceilings).toMatchObject({ total: '0.00', records: 0 });
    const all = await top('&archived=true');
    expect(all.executed).toMatchObject({ total: '9000000000500.01', records: 3 });
    expect(all.ceilings).toMatchObject({ total: '25.00', records: 1 });
  });

  it('leaves archived actions out of money by year, and follows a change of modality', async () => {
    const year2193 = async (query = '') => {
      const res = await director.get(`/api/v1/dashboard/by-year?currency=MXN${query}`).expect(200);
      return (res.body.groups as GroupDto[])
        .filter((g) => g.key === '2193')
        .map((g) => [g.modality, g.money.executed.total, g.money.executed.records]);
    };
    expect(await year2193()).toEqual([['humanitarian', '3.10', 1]]);
    expect(await year2193('&archived=true')).toEqual([['humanitarian', '7.30', 2]]);
    const staff = await signedIn(t, 'staff');
    const { body } = await staff.get(`/api/v1/actions/${active}`).expect(200);
    await staff
      .patch(`/api/v1/actions/${active}`)
      .send({ version: body.version, modality: 'financial' })
      .expect(200);
    expect(await year2193()).toEqual([['financial', '3.10', 1]]);
    expect(await year2193('&archived=true')).toEqual([
      ['financial', '3.10', 1],
      ['humanitarian', '4.20', 1],
    ]);
  });

  it('gives, from the rollup, exactly the figures summed from the records (one snapshot)', async () => {
    await t.db.transaction('REPEATABLE READ', async (m) => {
      for (const whole of ['unarchived', 'all'] as PortfolioScope[]) {
        const filter = whole === 'all' ? { archived: true } : {};
        for (const currency of REPORTING_CURRENCIES) {
          for (const grouping of [
            GROUPINGS.partner,
            GROUPINGS['partner-type'],
            GROUPINGS.year,
            GROUPINGS.theme,
            GROUPINGS.sdg,
            GROUPINGS.municipality,
            GROUPINGS.status,
          ] as Grouping[]) {
            const slow = moneySource(grouping, null);
            const run = async (fast: boolean, sql: typeof moneySql | typeof weightsSql) => {
              const params = new SqlParams();
              const scope = scopedActions(filter, director_, params);
              const text =
                sql === moneySql
                  ? moneySql(grouping, scope, currency, fast ? 'rollup' : slow, fast ? whole : null)
                  : weightsSql(
                      grouping,
                      scope,
                      currency,
                      fast ? 'rollup' : 'records',
                      fast ? whole : null,
                    );
              const rows: Record<string, unknown>[] = await m.query(text, params.values);
              return rows.map((r) => JSON.stringify(r)).sort();
            };
            const fromRecords = await run(false, moneySql);
            expect(fromRecords.length).toBeGreaterThan(0);
            expect(await run(true, moneySql)).toEqual(fromRecords);
            if (grouping.indexed)
              expect(await run(true, weightsSql)).toEqual(await run(false, weightsSql));
          }
        }
      }
    });
  });

  it('counts open milestones over the whole portfolio as through the actions in scope', async () => {
    // Overdue (listed first), due in 10 days and done, on the active and on the archived action.
    for (const id of [active, archivedId])
      await t.db.query(
        `INSERT INTO milestones (action_id, type, title, planned_date, actual_date) VALUES
           ($1, 'meeting', 'Vencido', DATE '1901-01-02', NULL),
           ($1, 'meeting', 'Próximo', current_date + 10, NULL),
           ($1, 'meeting', 'Hecho', current_date - 30, current_date - 31)`,
        [id],
      );
    await t.db.transaction('REPEATABLE READ', async (m) => {
      const expected = async (archivedToo: boolean) => {
        const [row]: { overdue: number; upcoming: number }[] = await m.query(
          `SELECT count(*) FILTER (WHERE m.planned_date < ${TODAY_SQL})::int AS overdue,
                  count(*) FILTER (WHERE m.planned_date >= ${TODAY_SQL})::int AS upcoming
             FROM milestones m JOIN actions a ON a.id = m.action_id
            WHERE m.actual_date IS NULL AND m.planned_date <= ${TODAY_SQL} + 90
              AND ($1 OR a.archived_at IS NULL)`,
          [archivedToo],
        );
        return row;
      };
      for (const [query, archivedToo] of [
        [{}, false],
        [{ archived: true }, true],
      ] as const) {
        const panel = await milestonesDue(m, { ...query, window: 90 }, director_);
        const summary = await overdueMilestones(m, query, director_);
        const want = await expected(archivedToo);
        expect({ overdue: panel.overdueCount, upcoming: panel.upcomingCount }).toEqual(want);
        expect(summary.count).toBe(want.overdue);
        const listed = [...panel.overdue, ...panel.upcoming].map((i) => i.actionId);
        expect(listed.includes(archivedId)).toBe(archivedToo);
      }
    });
  });
});
