import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  addMoney,
  convertExact,
  formatMoney,
  money,
  MoneyDecimal,
  MoneyValue,
} from '../src/common/money';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

/**
 * Every dashboard total equals the exact decimal sum of its rows, in original currency and
 * converted, to the cent. Each run lives in its own theme; its dates are in 2150–2199 and its
 * rates are cleared before each run (no other file uses that window or CHF). USD and EUR have
 * an anchor rate on 2149-12-31 so they always convert; CHF sometimes has no rate yet.
 */
const DAY0 = Date.UTC(2150, 0, 1);
const dateOf = (offset: number) => new Date(DAY0 + offset * 86_400_000).toISOString().slice(0, 10);
const ANCHORS: Record<string, { date: string; rate: string }> = {
  USD: { date: '2149-12-31', rate: '19.500000' },
  EUR: { date: '2149-12-31', rate: '21.250000' },
};
const TYPES = ['ceiling', 'commitment', 'disbursement', 'expenditure', 'in_kind', 'prize'] as const;
const CLASS: Record<string, string> = {
  ceiling: 'ceilings',
  commitment: 'committed',
  disbursement: 'executed',
  expenditure: 'executed',
  in_kind: 'inKind',
  prize: 'inKind',
};
/** Funding comes from one of a few organisations (or none stated). */
const PROVIDERS = 4;
const STATUSES = ['pipeline', 'implementation', 'closed', null] as const;
const MODALITIES = ['technical', 'financial', 'prize'] as const;

const cents = fc
  .bigInt({ min: 0n, max: 99_999_999_999n })
  .map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);
const rate = fc
  .integer({ min: 1, max: 99_999_999 })
  .map((n) => (n / 1e6 > 0 ? (n / 1e6).toFixed(6) : '0.000001'));
const portfolio = fc.record({
  actions: fc.array(
    fc.record({ status: fc.constantFrom(...STATUSES), modality: fc.constantFrom(...MODALITIES) }),
    { minLength: 1, maxLength: 6 },
  ),
  funding: fc.array(
    fc.record({
      action: fc.nat(),
      type: fc.constantFrom(...TYPES),
      amount: cents,
      currency: fc.constantFrom('MXN', 'USD', 'EUR', 'CHF', null),
      day: fc.option(fc.integer({ min: 0, max: 3 * 366 }), { freq: 8 }),
      provider: fc.option(fc.nat({ max: PROVIDERS - 1 }), { freq: 4 }),
    }),
    { maxLength: 40 },
  ),
  rates: fc.array(
    fc.record({
      currency: fc.constantFrom('USD', 'EUR', 'CHF'),
      day: fc.integer({ min: 0, max: 3 * 366 }),
      rate,
    }),
    { maxLength: 12 },
  ),
});
type Portfolio = typeof portfolio extends fc.Arbitrary<infer T> ? T : never;

interface Row {
  id: string;
  cls: string;
  status: string | null;
  modality: string;
  provider: string | null;
  year: string | null;
  amount: string;
  currency: string | null;
  date: string | null;
}

function rateOn(
  rates: Map<string, { date: string; rate: string }[]>,
  currency: string,
  date: string,
): string | null {
  if (currency === 'MXN') return '1';
  const list = rates.get(currency) ?? [];
  let best: { date: string; rate: string } | null = null;
  for (const r of list) if (r.date <= date && (!best || r.date > best.date)) best = r;
  return best?.rate ?? null;
}

/** The expected figure for a set of rows, computed with decimal.js row by row. */
function expected(
  rows: Row[],
  target: string,
  rates: Map<string, { date: string; rate: string }[]>,
) {
  let total: MoneyValue = new MoneyDecimal(0);
  const byCurrency = new Map<string, MoneyValue>();
  const unconverted: string[] = [];
  for (const r of rows) {
    if (r.currency)
      byCurrency.set(r.currency, addMoney(byCurrency.get(r.currency) ?? '0', r.amount));
    if (r.currency === target) {
      total = total.plus(r.amount);
      continue;
    }
    const rc = r.currency && r.date ? rateOn(rates, r.currency, r.date) : null;
    const rt = r.date ? rateOn(rates, target, r.date) : null;
    if (rc === null || rt === null) unconverted.push(r.id);
    else total = total.plus(convertExact(r.amount, rc, rt));
  }
  return {
    total: formatMoney(total),
    byCurrency: [...byCurrency.entries()]
      .map(([currency, amount]) => ({ currency, amount: formatMoney(amount) }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    unconverted: unconverted.sort(),
    records: rows.length,
  };
}

interface Figure {
  total: string;
  byCurrency: { currency: string; amount: string }[];
  records: number;
  unconvertedCount: number;
  unconvertedByCurrency?: { currency: string | null; amount: string; records: number }[];
}

/** What a figure leaves out, per original currency: { currency: [amount, records] }. */
function leftOut(rows: Row[], ids: string[]): Record<string, [string, number]> {
  const out: Record<string, [string, number]> = {};
  for (const r of rows.filter((row) => ids.includes(row.id))) {
    const [amount, n] = out[String(r.currency)] ?? ['0', 0];
    out[String(r.currency)] = [formatMoney(addMoney(amount, r.amount)), n + 1];
  }
  return out;
}

function check(
  figure: Figure | undefined,
  rows: Row[],
  target: string,
  rates: Map<string, { date: string; rate: string }[]>,
  withList: boolean,
) {
  const e = expected(rows, target, rates);
  const got: Figure = figure ?? {
    total: '0.00',
    byCurrency: [],
    records: 0,
    unconvertedCount: 0,
    unconvertedByCurrency: [],
  };
  expect({
    total: got.total,
    byCurrency: got.byCurrency.map(({ currency, amount }) => ({ currency, amount })),
    records: got.records,
    unconvertedCount: got.unconvertedCount,
  }).toEqual({
    total: e.total,
    byCurrency: e.byCurrency,
    records: e.records,
    unconvertedCount: e.unconverted.length,
  });
  if (withList) {
    const sums: Record<string, [string, number]> = {};
    for (const u of got.unconvertedByCurrency ?? []) {
      const [amount, n] = sums[String(u.currency)] ?? ['0', 0];
      sums[String(u.currency)] = [formatMoney(addMoney(amount, u.amount)), n + u.records];
    }
    expect(sums).toEqual(leftOut(rows, e.unconverted));
  }
  return e.unconverted;
}

describe('dashboard totals are exact decimal sums (fast-check, real PostgreSQL)', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let providers: string[];
  beforeAll(async () => {
    t = await bootTestApp();
    director = await signedIn(t, 'director');
    providers = [];
    for (let i = 0; i < PROVIDERS; i++) providers.push(await newOrganisation(t.db));
    for (const [currency, a] of Object.entries(ANCHORS)) {
      await t.db.query(
        `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES ($1, $2, $3, 'property anchor')
         ON CONFLICT (rate_date, currency) DO UPDATE SET rate_to_mxn = EXCLUDED.rate_to_mxn`,
        [a.date, currency, a.rate],
      );
    }
  });
  afterAll(() => t.close());

  async function load(p: Portfolio) {
    const theme = `prop-${randomUUID()}`;
    await t.db.query(`DELETE FROM exchange_rates WHERE rate_date >= '2150-01-01'`);
    const rates = new Map<string, { date: string; rate: string }[]>(
      Object.entries(ANCHORS).map(([c, a]) => [c, [a]]),
    );
    const seen = new Set<string>();
    for (const r of p.rates) {
      const date = dateOf(r.day);
      if (seen.has(`${r.currency}${date}`)) continue;
      seen.add(`${r.currency}${date}`);
      rates.set(r.currency, [...(rates.get(r.currency) ?? []), { date, rate: r.rate }]);
      await t.db.query(
        `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES ($1, $2, $3, 'property')`,
        [date, r.currency, r.rate],
      );
    }
    const actionIds: string[] = [];
    for (const a of p.actions) {
      const rows: { id: string }[] = await t.db.query(
        `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes)
         VALUES ($1, 'cooperation_project', 'Propiedad', 'recipient', $2, $3, $4) RETURNING id`,
        [`P-${randomUUID()}`, a.status, a.modality, [theme]],
      );
      actionIds.push(rows[0].id);
    }
    const rows: Row[] = [];
    for (const f of p.funding) {
      const index = f.action % actionIds.length;
      const date = f.day === null ? null : dateOf(f.day);
      const provider = f.provider === null ? null : providers[f.provider];
      const inserted: { id: string }[] = await t.db.query(
        `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [actionIds[index], f.type, f.amount, f.currency, date, provider],
      );
      rows.push({
        id: inserted[0].id,
        cls: CLASS[f.type],
        status: p.actions[index].status,
        modality: p.actions[index].modality,
        provider,
        year: date?.slice(0, 4) ?? null,
        amount: f.amount,
        currency: f.currency,
        date,
      });
    }
    return { theme, rates, rows };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  /** The summary's figures and, for each, the list of records it could not convert. */
  async function checkSummary({ theme, rates, rows }: Loaded, target: string, p: Portfolio) {
    const summary = await director
      .get(`/api/v1/dashboard/summary?theme=${theme}&currency=${target}`)
      .expect(200);
    expect(summary.body.actions).toBe(p.actions.length);
    for (const cls of ['ceilings', 'committed', 'executed', 'inKind']) {
      const left = check(
        summary.body.money[cls],
        rows.filter((r) => r.cls === cls),
        target,
        rates,
        true,
      );
      const list = await director
        .get(
          `/api/v1/dashboard/unconverted?theme=${theme}&currency=${target}&figure=${cls}&pageSize=100`,
        )
        .expect(200);
      expect(list.body.total).toBe(left.length);
      expect(list.body.items.map((u: { fundingId: string }) => u.fundingId).sort()).toEqual(left);
    }
  }

  /** Every status group's figures, and one group per status present. */
  async function checkByStatus({ theme, rates, rows }: Loaded, target: string, p: Portfolio) {
    const byStatus = await director
      .get(`/api/v1/dashboard/by-status?theme=${theme}&currency=${target}`)
      .expect(200);
    for (const group of byStatus.body.groups) {
      for (const cls of ['ceilings', 'committed', 'executed', 'inKind']) {
        check(
          group.money[cls],
          rows.filter((r) => r.cls === cls && r.status === group.key),
          target,
          rates,
          false,
        );
      }
    }
    const statuses = new Set(p.actions.map((a) => a.status));
    expect(byStatus.body.groups.map((g: { key: string | null }) => g.key).sort()).toEqual(
      [...statuses].sort(),
    );
  }

  /** One group per year and modality, each with the figures of its rows. */
  async function checkByYear({ theme, rates, rows }: Loaded, target: string) {
    const byYear = await director
      .get(`/api/v1/dashboard/by-year?theme=${theme}&currency=${target}&limit=1000`)
      .expect(200);
    const keys = new Set(rows.map((r) => JSON.stringify([r.year, r.modality])));
    expect(byYear.body.groups).toHaveLength(keys.size);
    for (const group of byYear.body.groups) {
      for (const cls of ['ceilings', 'committed', 'executed', 'inKind']) {
        check(
          group.money[cls],
          rows.filter(
            (r) => r.cls === cls && r.year === group.key && r.modality === group.modality,
          ),
          target,
          rates,
          false,
        );
      }
    }
  }

  /** Partners: ranked on their totals, cut at the limit, then each answered in full. */
  async function checkByPartner({ theme, rates, rows }: Loaded, target: string) {
    const classes = ['executed', 'committed', 'ceilings', 'inKind'];
    const weight = (key: string | null) =>
      classes.map((cls) =>
        money(
          expected(
            rows.filter((r) => r.cls === cls && r.provider === key),
            target,
            rates,
          ).total,
        ),
      );
    const order = [...new Set(rows.map((r) => r.provider))].sort((a, b) => {
      if ((a === null) !== (b === null)) return a === null ? 1 : -1;
      const [wa, wb] = [weight(a), weight(b)];
      for (let i = 0; i < wa.length; i++) {
        const c = wb[i].comparedTo(wa[i]);
        if (c !== 0) return c;
      }
      return String(a) < String(b) ? -1 : 1;
    });
    const byPartner = await director
      .get(`/api/v1/dashboard/by-partner?theme=${theme}&currency=${target}&limit=2`)
      .expect(200);
    expect(byPartner.body.totalGroups).toBe(order.length);
    const answered = byPartner.body.groups.map((g: { key: string | null }) => g.key);
    // Equal weights may tie in either order; the weights themselves must follow the order.
    expect(answered.map(weight).map(String)).toEqual(order.slice(0, 2).map(weight).map(String));
    for (const group of byPartner.body.groups) {
      for (const cls of classes) {
        check(
          group.money[cls],
          rows.filter((r) => r.cls === cls && r.provider === group.key),
          target,
          rates,
          false,
        );
      }
    }
  }

  it('summary, by-status, by-year and by-partner match the rows in MXN, USD and EUR', async () => {
    await fc.assert(
      fc.asyncProperty(portfolio, fc.constantFrom('MXN', 'USD', 'EUR'), async (p, target) => {
        const loaded = await load(p);
        await checkSummary(loaded, target, p);
        await checkByStatus(loaded, target, p);
        await checkByYear(loaded, target);
        await checkByPartner(loaded, target);
      }),
      { numRuns: 40, seed: Number(process.env['PROPERTY_SEED'] ?? Date.now() % 2 ** 31) },
    );
  }, 120_000);
});
