import { AnswerCache } from '../src/cache/answer-cache';
import { ANSWER_CACHE } from '../src/cache/answer-cache.interceptor';
import { binary } from './support/binary';
import { csvRows } from './support/csv';
import { pdfText } from './support/pdf-text';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The dashboard answers under the same filters as the action list (one filter DTO, one SQL
 * builder): on a generated portfolio of its own database, every key figure under each filter
 * equals a sum PostgreSQL computes here over the actions that filter selects, written
 * independently of the API's SQL. Also: answers cached per filter, planned disbursements kept
 * apart, and the partner money export's two figures.
 */

/** A small deterministic generator (same portfolio every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const THEMES = ['movilidad', 'cambio-climatico', 'genero'];
const MUNICIPALITIES = ['Zapopan', 'Guadalajara', 'Tonalá'];
const SDGS = [5, 11, 13];
const KINDS = ['cooperation_project', 'city_to_city', 'award'];
const STATUSES = ['pipeline', 'implementation', 'closed'];
const MODALITIES = ['technical', 'financial', 'prize'];
const TYPES = ['ceiling', 'commitment', 'disbursement', 'expenditure', 'in_kind', 'prize'];
const CURRENCIES = ['MXN', 'MXN', 'USD', 'EUR', null];

/** The rate of `currency` on `date` or the latest earlier one, MXN = 1: independent SQL. */
const RATE = (currency: string, date: string) =>
  `CASE WHEN ${currency} = 'MXN' THEN 1 ELSE (SELECT r.rate_to_mxn FROM exchange_rates r
     WHERE r.currency = ${currency} AND r.rate_date <= ${date} ORDER BY r.rate_date DESC LIMIT 1) END`;
const CONVERTED = (target: string) => `CASE WHEN f.currency = ${target} THEN f.amount
   ELSE f.amount * ${RATE('f.currency', 'f.value_date')} / ${RATE(`${target}::char(3)`, 'f.value_date')} END`;
const CLASS = `CASE WHEN f.type = 'ceiling' THEN 'ceilings' WHEN f.type = 'commitment' THEN 'committed'
   WHEN f.type IN ('disbursement', 'expenditure') THEN 'executed'
   WHEN f.type IN ('in_kind', 'prize') THEN 'inKind' ELSE 'none' END`;

describe('money under every list filter (own database, generated portfolio)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let director: SignedInAgent;
  const orgs: { id: string; type: string }[] = [];
  let plannedAction: string;

  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_money_filters');
    t = await bootTestApp({ databaseUrl: db.url });
    director = await signedIn(t, 'director');
    await t.db.query(
      `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES
        ('2016-01-01', 'USD', 17.25, 'test'), ('2019-06-01', 'USD', 19.4, 'test'),
        ('2016-01-01', 'EUR', 19.1, 'test'), ('2021-01-01', 'EUR', 24.35, 'test')`,
    );
    const orgTypes = ['bilateral_agency', 'multilateral', 'city_network', 'ngo_foundation'];
    for (const [i, type] of [...orgTypes, 'bilateral_agency', 'academia'].entries()) {
      const name = i === 0 ? 'Deutsche Gesellschaft für Zusammenarbeit' : `Socio ${i}`;
      orgs.push({ id: await newOrganisation(t.db, { name, acronym: `S${i}`, type }), type });
    }
    const rnd = lcg(18);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
    const some = <T>(list: readonly T[]) => list.filter(() => rnd() < 0.4);
    for (let i = 0; i < 40; i++) {
      const start = 2016 + Math.floor(rnd() * 8);
      const [action]: { id: string }[] = await t.db.query(
        `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes, municipalities, sdgs,
                              planned_start, planned_end, actual_start)
         VALUES ($1, $2, $3, 'recipient', $4, $5, $6, $7, $8, make_date($9, 3, 1), make_date($10, 11, 30), $11)
         RETURNING id`,
        [
          `F-${String(i).padStart(3, '0')}`,
          pick(KINDS),
          i % 5 === 0 ? `Árbol urbano ${i}` : `Acción ${i}`,
          pick(STATUSES),
          pick(MODALITIES),
          some(THEMES),
          some(MUNICIPALITIES),
          some(SDGS),
          start,
          start + Math.floor(rnd() * 3),
          rnd() < 0.3 ? `${start + 1}-01-15` : null,
        ],
      );
      for (const org of orgs) {
        if (rnd() < 0.3)
          await t.db.query(
            `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, $3)`,
            [action.id, org.id, pick(['funding', 'implementing', 'beneficiary'])],
          );
      }
      const records = Math.floor(rnd() * 5);
      for (let r = 0; r < records; r++) {
        const year = 2015 + Math.floor(rnd() * 9);
        const cents = String(Math.floor(rnd() * 100)).padStart(2, '0');
        await t.db.query(
          `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            action.id,
            pick(TYPES),
            `${1 + Math.floor(rnd() * 2_000_000)}.${cents}`,
            pick(CURRENCIES),
            rnd() < 0.1 ? null : `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
            rnd() < 0.8 ? pick(orgs).id : null,
          ],
        );
      }
      if (i === 7) plannedAction = action.id;
    }
    // Planned disbursements (as the IATI import keeps them): two periods, two currencies.
    await t.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date, period_start, period_end, provider_id)
       VALUES ($1, 'planned_disbursement', '250000.50', 'USD', '2020-01-01', '2020-01-01', '2020-12-31', $2),
              ($1, 'planned_disbursement', '1000000.00', 'MXN', '2021-01-01', '2021-01-01', '2021-06-30', $2),
              ($1, 'planned_disbursement', '75.25', 'EUR', '2022-01-01', '2022-01-01', '2022-12-31', NULL)`,
      [plannedAction, orgs[0].id],
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  /** Each filter as the URL says it, and the same selection written here as plain SQL over `a`. */
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

  async function expected(where: string, currency: string) {
    const rows: { cls: string; total: string | null; records: number; unconverted: number }[] =
      await t.db.query(
        `WITH c AS (SELECT ${CLASS} AS cls, ${CONVERTED('$1')} AS converted
                      FROM funding f JOIN actions a ON a.id = f.action_id WHERE ${where})
         SELECT cls, round(sum(converted), 2)::text AS total, count(*)::int AS records,
                count(*) FILTER (WHERE converted IS NULL)::int AS unconverted
           FROM c GROUP BY cls`,
        [currency],
      );
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM actions a WHERE ${where}`,
    );
    return { figures: new Map(rows.map((r) => [r.cls, r])), actions: n };
  }

  it.each(FILTERS)(
    'dashboard totals under the %s filter equal SQL sums over the actions it selects',
    async (_name, query, where) => {
      const { figures, actions } = await expected(where(), 'MXN');
      expect(actions).toBeGreaterThan(0);
      const list = await director.get(`/api/v1/actions?${query()}&pageSize=1`).expect(200);
      expect(list.body.total).toBe(actions);
      for (const currency of ['MXN', 'USD']) {
        const want = currency === 'MXN' ? figures : (await expected(where(), currency)).figures;
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
      const executed = await expected(`TRUE`, currency);
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
