import { binary } from './support/binary';
import { csvRows } from './support/csv';
import { pdfText } from './support/pdf-text';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import {
  moneyPortfolio,
  CONVERTED,
  CLASS,
  MoneyPortfolio,
  expectedMoney,
} from './support/money-portfolio';

/**
 * Planned disbursements kept apart from executed money (dashboard, action page, project sheet)
 * and the partner money export's two figures, on the generated portfolio of a database of its own.
 */
describe('money: planned disbursements and partner figures (own database, generated portfolio)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let director: SignedInAgent;
  let orgs: MoneyPortfolio['orgs'];
  let plannedAction: string;

  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_money_partner');
    t = await bootTestApp({ databaseUrl: db.url });
    director = await signedIn(t, 'director');
    ({ orgs, plannedAction } = await moneyPortfolio(t));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('keeps planned disbursements apart: their own figure, never executed money', async () => {
    for (const currency of ['MXN', 'USD', 'EUR']) {
      const [want]: { total: string; records: number }[] = await t.db.query(
        `SELECT round(sum(${CONVERTED('$1')}), 2)::text AS total, count(*)::int AS records
           FROM funding f WHERE f.type = 'planned_disbursement'`,
        [currency],
      );
      const res = await director.get(`/api/v1/dashboard/summary?currency=${currency}`).expect(200);
      expect(res.body.planned).toMatchObject({
        total: want.total,
        currency,
        records: 3,
        unconvertedCount: 0,
        from: '2020-01-01',
        to: '2022-12-31',
      });
      expect(res.body.planned.byCurrency.map((c: { currency: string }) => c.currency)).toEqual([
        'EUR',
        'MXN',
        'USD',
      ]);
      const executed = await expectedMoney(t, `TRUE`, currency);
      expect(res.body.money.executed.total).toBe(executed.figures.get('executed')?.total ?? '0.00');
    }
    // A filter that leaves the action out leaves its plans out too.
    const other = await director
      .get(`/api/v1/dashboard/summary?q=${encodeURIComponent('Acción 3')}`)
      .expect(200);
    expect(other.body.planned).toMatchObject({ total: '0.00', records: 0 });
  });

  it('prints planned disbursements on the project sheet in their own section, with periods', async () => {
    const detail = await director.get(`/api/v1/actions/${plannedAction}`).expect(200);
    expect(
      detail.body.funding
        .filter((f: { type: string }) => f.type === 'planned_disbursement')
        .map((f: { periodStart: string; periodEnd: string }) => [f.periodStart, f.periodEnd]),
    ).toEqual([
      ['2020-01-01', '2020-12-31'],
      ['2021-01-01', '2021-06-30'],
      ['2022-01-01', '2022-12-31'],
    ]);
    const pdf = await director
      .get(`/api/v1/actions/${plannedAction}/export/sheet.pdf?lang=es`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Desembolsos previstos');
    expect(text).toContain('Total USD: 250,000.50');
    expect(text).toContain('Periodo 1 de enero de 2020');
    expect(text).toContain('31 de diciembre de 2020 · USD 250,000.50');
    const en = await director
      .get(`/api/v1/actions/${plannedAction}/export/sheet.pdf?lang=en`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfText(en.body as Buffer)).toContain('Planned disbursements');
  });

  /** Both partner figures per organisation and key figure in `currency`: independent SQL sums. */
  async function expectedPartnerMoney(currency: string, where = 'TRUE') {
    const rows: { org: string; side: string; cls: string; total: string | null }[] =
      await t.db.query(
        `WITH c AS (
           SELECT f.action_id, f.provider_id, ${CLASS} AS cls, ${CONVERTED('$1')} AS converted
             FROM funding f JOIN actions a ON a.id = f.action_id WHERE ${where}
         )
         SELECT provider_id::text AS org, 'provided' AS side, cls, round(sum(converted), 2)::text AS total
           FROM c WHERE provider_id IS NOT NULL GROUP BY 1, 3
         UNION ALL
         SELECT p.organisation_id::text, 'participation', c.cls, round(sum(c.converted), 2)::text
           FROM c JOIN (SELECT DISTINCT action_id, organisation_id FROM participations) p
             ON p.action_id = c.action_id
          GROUP BY 1, 3`,
        [currency],
      );
    return (org: string, side: string, cls: string) =>
      rows.find((r) => r.org === org && r.side === side && r.cls === cls)?.total ?? '0.00';
  }

  it.each([
    ['USD', '', 'TRUE'],
    ['EUR', 'theme=movilidad', `'movilidad' = ANY(a.themes)`],
  ])(
    'exports both partner figures in %s (%s), labelled, equal to SQL sums to the cent',
    async (currency, filter, where) => {
      const res = await director
        .get(`/api/v1/exports/partner-money.csv?lang=es&currency=${currency}&${filter}`)
        .expect(200);
      expect(res.headers['content-disposition']).toMatch(/coopera-dinero-por-socio-/);
      const [header, ...rows] = csvRows(res.text);
      expect(header).toContain(`Aportado por el socio: Topes (${currency})`);
      expect(header).toContain(`En acciones donde participa: Ejercido (${currency})`);
      const want = await expectedPartnerMoney(currency, where);
      const gizRow = rows.find((r) => r[0] === 'Deutsche Gesellschaft für Zusammenarbeit');
      expect(gizRow).toBeDefined();
      for (const row of rows) {
        const org = orgs[Number(row[1].slice(1))].id;
        for (const [i, cls] of ['ceilings', 'committed', 'executed', 'inKind'].entries()) {
          const provided = header.indexOf(
            `Aportado por el socio: ${['Topes', 'Comprometido', 'Ejercido', 'En especie'][i]} (${currency})`,
          );
          expect({
            org: row[1],
            cls,
            provided: row[provided],
            participation: row[provided + 1],
          }).toEqual({
            org: row[1],
            cls,
            provided: want(org, 'provided', cls),
            participation: want(org, 'participation', cls),
          });
        }
      }
      const [{ n }]: { n: number }[] = await t.db.query(
        `SELECT count(DISTINCT o)::int AS n FROM (
           SELECT p.organisation_id AS o FROM participations p JOIN actions a ON a.id = p.action_id WHERE ${where}
           UNION SELECT f.provider_id FROM funding f JOIN actions a ON a.id = f.action_id
                  WHERE ${where} AND f.provider_id IS NOT NULL) x`,
      );
      expect(rows).toHaveLength(n);
    },
  );

  it('puts the partner money sheet in the people’s workbook, not in the import template', async () => {
    const people = await director
      .get('/api/v1/exports/portfolio.xlsx?lang=en&currency=USD')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(people.body as ArrayBuffer);
    const sheet = book.getWorksheet('Partner money');
    expect(sheet).toBeDefined();
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Provided by the partner: Committed (USD)');
    expect(header).toContain('In actions it takes part in: Committed (USD)');
    const template = await director
      .get('/api/v1/exports/import-template.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const machine = new ExcelJS.Workbook();
    await machine.xlsx.load(template.body as ArrayBuffer);
    expect(machine.worksheets.map((w) => w.name)).not.toContain('Partner money');
    await director.get('/api/v1/exports/partner-money.csv?currency=JPY').expect(400);
  });
});
