import { newOrganisation } from './factories';
import type { TestApp } from './test-app';

/**
 * A generated portfolio for the money suites (same portfolio every run): exchange rates, six
 * organisations, 40 actions with random filters, participations and funding in three currencies
 * (and none), and planned disbursements on one action. Also the money sums written as plain SQL,
 * independently of the API's.
 */

/** A small deterministic generator. */
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
/** A funding record `f`'s amount in the currency of the parameter `target`. */
export const CONVERTED = (target: string) => `CASE WHEN f.currency = ${target} THEN f.amount
   ELSE f.amount * ${RATE('f.currency', 'f.value_date')} / ${RATE(`${target}::char(3)`, 'f.value_date')} END`;
/** The key figure a funding record `f` counts in. */
export const CLASS = `CASE WHEN f.type = 'ceiling' THEN 'ceilings' WHEN f.type = 'commitment' THEN 'committed'
   WHEN f.type IN ('disbursement', 'expenditure') THEN 'executed'
   WHEN f.type IN ('in_kind', 'prize') THEN 'inKind' ELSE 'none' END`;

export interface MoneyPortfolio {
  orgs: { id: string; type: string }[];
  /** The action holding the planned disbursements. */
  plannedAction: string;
}

type Random = () => number;
const pick = <T>(rnd: Random, list: readonly T[]) => list[Math.floor(rnd() * list.length)];
const some = <T>(rnd: Random, list: readonly T[]) => list.filter(() => rnd() < 0.4);

/** Writes the portfolio straight into the database of `t`. */
export async function moneyPortfolio(t: TestApp): Promise<MoneyPortfolio> {
  await t.db.query(
    `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES
      ('2016-01-01', 'USD', 17.25, 'test'), ('2019-06-01', 'USD', 19.4, 'test'),
      ('2016-01-01', 'EUR', 19.1, 'test'), ('2021-01-01', 'EUR', 24.35, 'test')`,
  );
  const orgs: MoneyPortfolio['orgs'] = [];
  const orgTypes = ['bilateral_agency', 'multilateral', 'city_network', 'ngo_foundation'];
  for (const [i, type] of [...orgTypes, 'bilateral_agency', 'academia'].entries()) {
    const name = i === 0 ? 'Deutsche Gesellschaft für Zusammenarbeit' : `Socio ${i}`;
    orgs.push({ id: await newOrganisation(t.db, { name, acronym: `S${i}`, type }), type });
  }
  const rnd = lcg(18);
  let plannedAction = '';
  for (let i = 0; i < 40; i++) {
    const id = await insertAction(t, rnd, i, orgs);
    if (i === 7) plannedAction = id;
  }
  // Planned disbursements (as the IATI import keeps them): two periods, two currencies.
  await t.db.query(
    `INSERT INTO funding (action_id, type, amount, currency, value_date, period_start, period_end, provider_id)
     VALUES ($1, 'planned_disbursement', '250000.50', 'USD', '2020-01-01', '2020-01-01', '2020-12-31', $2),
            ($1, 'planned_disbursement', '1000000.00', 'MXN', '2021-01-01', '2021-01-01', '2021-06-30', $2),
            ($1, 'planned_disbursement', '75.25', 'EUR', '2022-01-01', '2022-01-01', '2022-12-31', NULL)`,
    [plannedAction, orgs[0].id],
  );
  return { orgs, plannedAction };
}

/** The `i`-th generated action, its participations and funding; returns its id. */
async function insertAction(t: TestApp, rnd: Random, i: number, orgs: MoneyPortfolio['orgs']) {
  const start = 2016 + Math.floor(rnd() * 8);
  const [action]: { id: string }[] = await t.db.query(
    `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes, municipalities, sdgs,
                          planned_start, planned_end, actual_start)
     VALUES ($1, $2, $3, 'recipient', $4, $5, $6, $7, $8, make_date($9, 3, 1), make_date($10, 11, 30), $11)
     RETURNING id`,
    [
      `F-${String(i).padStart(3, '0')}`,
      pick(rnd, KINDS),
      i % 5 === 0 ? `Árbol urbano ${i}` : `Acción ${i}`,
      pick(rnd, STATUSES),
      pick(rnd, MODALITIES),
      some(rnd, THEMES),
      some(rnd, MUNICIPALITIES),
      some(rnd, SDGS),
      start,
      start + Math.floor(rnd() * 3),
      rnd() < 0.3 ? `${start + 1}-01-15` : null,
    ],
  );
  for (const org of orgs) {
    if (rnd() < 0.3)
      await t.db.query(
        `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, $3)`,
        [action.id, org.id, pick(rnd, ['funding', 'implementing', 'beneficiary'])],
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
        pick(rnd, TYPES),
        `${1 + Math.floor(rnd() * 2_000_000)}.${cents}`,
        pick(rnd, CURRENCIES),
        rnd() < 0.1 ? null : `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        rnd() < 0.8 ? pick(rnd, orgs).id : null,
      ],
    );
  }
  return action.id;
}

/**
 * Each key figure's sum over the funding of the actions `where` selects (plain SQL over `a`),
 * converted to `currency`, and how many actions it selects.
 */
export async function expectedMoney(t: TestApp, where: string, currency: string) {
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
