import type { FundingDto } from '../actions/dto/action-response.dto';
import { addMoney, formatMoney } from '../common/money';

/**
 * Planned disbursements (IATI): their totals by currency and each one with its period, oldest
 * period first. Plans, never executed money: the sheet shows them in their own section.
 */
export function plannedDisbursements(
  funding: Pick<
    FundingDto,
    | 'type'
    | 'amount'
    | 'currency'
    | 'valueDate'
    | 'valueDatePrecision'
    | 'periodStart'
    | 'periodEnd'
  >[],
) {
  const planned = funding
    .filter((f) => f.type === 'planned_disbursement')
    .sort((a, b) =>
      (a.periodStart ?? a.valueDate ?? '9999').localeCompare(
        b.periodStart ?? b.valueDate ?? '9999',
      ),
    );
  const sums = new Map<string, string[]>();
  for (const f of planned)
    sums.set(f.currency ?? '', [...(sums.get(f.currency ?? '') ?? []), f.amount]);
  return {
    records: planned,
    totals: [...sums.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([currency, amounts]) => ({
        currency: currency || null,
        amount: formatMoney(addMoney(...amounts)),
      })),
  };
}

/** "16187025.00" → "16,187,025.00" (grouping as written in Mexico and in English). */
export function groupThousands(amount: string): string {
  const [int, dec] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
}

const EXECUTED = new Set(['disbursement', 'expenditure']);
const IN_KIND = new Set(['in_kind', 'prize']);
/** The four key figures' funding types: planned, incoming and other IATI money is none of them. */
const KEY_FIGURE_TYPES = new Set(['ceiling', 'commitment', ...EXECUTED, ...IN_KIND]);

/** Totals by currency: ceilings vs committed vs executed (disbursed + spent) vs in kind/prize. */
export function fundingByCurrency(funding: Pick<FundingDto, 'type' | 'amount' | 'currency'>[]) {
  const groups = new Map<
    string,
    Record<'ceiling' | 'committed' | 'executed' | 'other', string[]>
  >();
  for (const f of funding) {
    if (!KEY_FIGURE_TYPES.has(f.type)) continue;
    const key = f.currency ?? '';
    const g = groups.get(key) ?? { ceiling: [], committed: [], executed: [], other: [] };
    if (f.type === 'ceiling') g.ceiling.push(f.amount);
    else if (f.type === 'commitment') g.committed.push(f.amount);
    else if (EXECUTED.has(f.type)) g.executed.push(f.amount);
    else g.other.push(f.amount);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([currency, g]) => ({
      currency: currency || null,
      ceiling: formatMoney(addMoney(...g.ceiling)),
      committed: formatMoney(addMoney(...g.committed)),
      executed: formatMoney(addMoney(...g.executed)),
      other: formatMoney(addMoney(...g.other)),
    }));
}
