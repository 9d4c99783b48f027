/**
 * The benchmark's generated portfolio (fixed seed): 10,000 actions, 2,000 organisations, their
 * participations, 200,000 money records, 100,000 milestones and daily USD/EUR rates, loaded with
 * bulk unnest inserts. `generate` draws everything from one PRNG in a fixed order: the same
 * portfolio on every run.
 */
import { Pool } from 'pg';
import { codesOf } from '../api/src/common/vocabulary';

export const N = { actions: 10_000, organisations: 2_000, funding: 200_000, milestones: 100_000 };

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    h[12] = '4';
    h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

const KINDS = codesOf('kind');
const STATUSES = [...codesOf('status'), null];
const MODALITIES = codesOf('modality');
const ORG_TYPES = codesOf('organisationType');
const ROLES = codesOf('participationRole');
const FUNDING_TYPES = codesOf('fundingType');
const MILESTONE_TYPES = codesOf('milestoneType');
const THEMES = [
  'movilidad',
  'vivienda',
  'migracion',
  'clima',
  'agua',
  'arbolado',
  'genero',
  'economia local',
  'participacion',
  'resiliencia',
  'datos',
  'salud',
];
const MUNICIPALITIES = [
  'Guadalajara',
  'Zapopan',
  'Tlaquepaque',
  'Tonalá',
  'Tlajomulco',
  'El Salto',
  'Juanacatlán',
  'Ixtlahuacán',
  'Zapotlanejo',
  'Guanajuato',
];
const WORDS = [
  'plan',
  'movilidad',
  'agua',
  'árbol',
  'ciudad',
  'datos',
  'clima',
  'vivienda',
  'mercado',
  'ruta',
  'eléctrica',
  'bosque',
  'migración',
  'taller',
  'estudio',
  'metropolitano',
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.UTC(2015, 0, 1);
const END = Date.UTC(2025, 11, 31);

async function insertChunks(pool: Pool, sql: string, columns: unknown[][], chunk = 20_000) {
  const n = columns[0].length;
  for (let i = 0; i < n; i += chunk)
    await pool.query(
      sql,
      columns.map((c) => c.slice(i, i + chunk)),
    );
}
type Rng = ReturnType<typeof prng>;

async function insertOrganisations(pool: Pool, r: Rng): Promise<string[]> {
  const orgIds = Array.from({ length: N.organisations }, () => r.uuid());
  await insertChunks(
    pool,
    `INSERT INTO organisations (id, slug, name, acronym, type, country)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::char(2)[])`,
    [
      orgIds,
      orgIds.map((_, i) => `org-${i}`),
      orgIds.map((_, i) => `Organización ${i}`),
      orgIds.map((_, i) => (i % 3 === 0 ? `ORG${i}` : null)),
      orgIds.map(() => r.pick(ORG_TYPES)),
      orgIds.map(() => r.pick(['MX', 'DE', 'GB', 'US', 'FR', 'ES', null])),
    ],
  );
  return orgIds;
}

async function insertActions(pool: Pool, r: Rng): Promise<string[]> {
  const actionIds = Array.from({ length: N.actions }, () => r.uuid());
  const subset = (list: readonly string[], max: number) => {
    const k = r.int(0, max);
    return Array.from(new Set(Array.from({ length: k }, () => r.pick(list)))).join('|');
  };
  const starts = actionIds.map(() => START + r.int(0, 3650) * DAY);
  await insertChunks(
    pool,
    `INSERT INTO actions (id, code, kind, title_es, summary_es, institute_role, status, modality, themes, municipalities, sdgs,
                          planned_start, planned_end, archived_at)
     SELECT id, code, kind, title, summary, 'recipient', status, modality,
            coalesce(string_to_array(nullif(themes, ''), '|'), '{}'), coalesce(string_to_array(nullif(munis, ''), '|'), '{}'),
            coalesce(string_to_array(nullif(sdgs, ''), '|')::smallint[], '{}'), ps, pe, CASE WHEN archived THEN now() END
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::date[], $12::date[], $13::bool[])
         AS t(id, code, kind, title, summary, status, modality, themes, munis, sdgs, ps, pe, archived)`,
    [
      actionIds,
      actionIds.map((_, i) => `B-${String(i).padStart(5, '0')}`),
      actionIds.map(() => r.pick(KINDS)),
      actionIds.map(() => Array.from({ length: 5 }, () => r.pick(WORDS)).join(' ')),
      actionIds.map(() => Array.from({ length: 20 }, () => r.pick(WORDS)).join(' ')),
      actionIds.map(() => r.pick(STATUSES)),
      actionIds.map(() => r.pick(MODALITIES)),
      actionIds.map(() => subset(THEMES, 3)),
      actionIds.map(() => subset(MUNICIPALITIES, 2)),
      actionIds.map(() =>
        Array.from(new Set(Array.from({ length: r.int(0, 3) }, () => r.int(1, 17)))).join('|'),
      ),
      starts.map(isoDay),
      starts.map((s) => isoDay(s + r.int(90, 1500) * DAY)),
      actionIds.map(() => r.next() < 0.01),
    ],
  );
  return actionIds;
}

/** 1–5 organisations per action, each with a role; returns the organisation of each row. */
async function insertParticipations(pool: Pool, r: Rng, actionIds: string[], orgIds: string[]) {
  const pa: string[] = [];
  const po: string[] = [];
  const pr: string[] = [];
  actionIds.forEach((id) => {
    const orgs = new Set(Array.from({ length: r.int(1, 5) }, () => r.pick(orgIds)));
    for (const org of orgs) {
      pa.push(id);
      po.push(org);
      pr.push(r.pick(ROLES));
    }
  });
  await insertChunks(
    pool,
    `INSERT INTO participations (action_id, organisation_id, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
    [pa, po, pr],
  );
  return po;
}

/** The money records' columns (action, type, amount, currency, value date, provider). */
function fundingColumns(r: Rng, actionIds: string[], po: string[]) {
  const fa: string[] = [];
  const ft: string[] = [];
  const fm: string[] = [];
  const fc: (string | null)[] = [];
  const fd: (string | null)[] = [];
  const fp: (string | null)[] = [];
  for (let i = 0; i < N.funding; i++) {
    const a = r.int(0, N.actions - 1);
    fa.push(actionIds[a]);
    ft.push(r.pick(FUNDING_TYPES));
    fm.push(`${r.int(0, 20_000_000)}.${String(r.int(0, 99)).padStart(2, '0')}`);
    const c = r.next();
    fc.push(c < 0.7 ? 'MXN' : c < 0.9 ? 'USD' : c < 0.98 ? 'EUR' : null);
    fd.push(r.next() < 0.03 ? null : isoDay(START + r.int(0, 4000) * DAY));
    fp.push(r.next() < 0.1 ? null : po[r.int(0, po.length - 1)]);
  }
  return [fa, ft, fm, fc, fd, fp];
}

/** The milestones' columns (action, type, planned date, actual date). */
function milestoneColumns(r: Rng, actionIds: string[]) {
  const ma: string[] = [];
  const mt: string[] = [];
  const mp: string[] = [];
  const md: (string | null)[] = [];
  const today = Date.now();
  for (let i = 0; i < N.milestones; i++) {
    ma.push(actionIds[r.int(0, N.actions - 1)]);
    mt.push(r.pick(MILESTONE_TYPES));
    const planned = START + r.int(0, 4400) * DAY;
    mp.push(isoDay(planned));
    md.push(planned < today && r.next() < 0.8 ? isoDay(planned + r.int(-10, 30) * DAY) : null);
  }
  return [ma, mt, mp, md];
}

/** USD and EUR rates for every weekday from a month before the first value date. */
function rateColumns(r: Rng) {
  const rd: string[] = [];
  const rc: string[] = [];
  const rv: string[] = [];
  for (let d = START - 30 * DAY; d <= END; d += DAY) {
    const wd = new Date(d).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    rd.push(isoDay(d), isoDay(d));
    rc.push('USD', 'EUR');
    rv.push((15 + r.next() * 7).toFixed(4), (18 + r.next() * 6).toFixed(4));
  }
  return [rd, rc, rv];
}

export async function generate(pool: Pool) {
  const r = prng(20240501);
  const orgIds = await insertOrganisations(pool, r);
  const actionIds = await insertActions(pool, r);
  const po = await insertParticipations(pool, r, actionIds, orgIds);
  const funding = fundingColumns(r, actionIds, po);
  const milestones = milestoneColumns(r, actionIds);
  const rates = rateColumns(r);
  // Rates first, as in real use: each funding record converts once, on insert (trigger).
  await insertChunks(
    pool,
    `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source)
     SELECT d, c, v, 'bench' FROM unnest($1::date[], $2::char(3)[], $3::numeric[]) AS t(d, c, v)`,
    rates,
  );
  await insertChunks(
    pool,
    `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::char(3)[], $5::date[], $6::uuid[])`,
    funding,
  );
  await insertChunks(
    pool,
    `INSERT INTO milestones (action_id, type, title, planned_date, actual_date)
     SELECT a, t, 'Hito ' || t, p, d FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS x(a, t, p, d)`,
    milestones,
  );
  // A loaded database in use has been vacuumed by autovacuum (visibility map, statistics).
  await pool.query('VACUUM ANALYZE');
  return { actionIds, participations: po.length, rates: rates[0].length };
}
