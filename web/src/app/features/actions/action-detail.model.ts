import type { Funding, FundingType, Indicator, Milestone } from '../../core/api/models';
import { sumAmounts } from '../../shared/money';

export interface FundingGroup {
  type: FundingType;
  entries: Funding[];
  /** One total per currency (null = currency not stated); amounts never mix currencies. */
  totals: { currency: string | null; amount: string }[];
}

const MONEY_ORDER: FundingType[] = [
  'commitment',
  'disbursement',
  'expenditure',
  'in_kind',
  'prize',
  // Plans and money the action receives or repays: shown apart, never in the executed totals.
  'planned_disbursement',
  'incoming_commitment',
  'incoming_funds',
  'repayment',
  'other_flow',
  'ceiling_superseded',
];

function totalsByCurrency(entries: Funding[]): FundingGroup['totals'] {
  const byCurrency = new Map<string | null, string[]>();
  for (const f of entries)
    byCurrency.set(f.currency, [...(byCurrency.get(f.currency) ?? []), f.amount]);
  return [...byCurrency.entries()].map(([currency, amounts]) => ({
    currency,
    amount: sumAmounts(amounts),
  }));
}

/**
 * Splits funding into ceilings ("hasta $X": an upper bound of assistance, never money received)
 * and the money groups (committed, disbursed, executed, in kind, prizes), each with totals per currency.
 */
export function groupFunding(funding: readonly Funding[]): {
  ceilings: FundingGroup | null;
  money: FundingGroup[];
} {
  const group = (type: FundingType): FundingGroup | null => {
    const entries = funding.filter((f) => f.type === type);
    return entries.length ? { type, entries, totals: totalsByCurrency(entries) } : null;
  };
  return {
    ceilings: group('ceiling'),
    money: MONEY_ORDER.map(group).filter((g): g is FundingGroup => g !== null),
  };
}

/** Milestones in time order (actual date, else planned; undated last). */
export function sortMilestones(milestones: readonly Milestone[]): Milestone[] {
  const key = (m: Milestone) => m.actualDate ?? m.plannedDate ?? '9999';
  return [...milestones].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * Progress of an indicator from baseline (0 %) to target (100 %), clamped to 0–100; null when
 * the values are not all numeric or target equals baseline. A missing baseline counts as 0.
 */
export function indicatorProgress(
  indicator: Pick<Indicator, 'baseline' | 'target' | 'actual'>,
): number | null {
  const num = (v: string | null) =>
    v !== null && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
  const baseline = indicator.baseline === null ? 0 : num(indicator.baseline);
  const target = num(indicator.target);
  const actual = num(indicator.actual);
  if (baseline === null || target === null || actual === null || target === baseline) return null;
  const ratio = ((actual - baseline) / (target - baseline)) * 100;
  return Math.round(Math.min(100, Math.max(0, ratio)));
}

/** Names of the fields an audit entry changed. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter(
    (k) => !['version', 'updatedAt'].includes(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
}

/** What a new action still lacks, each opened by the add dialog of its part. */
export type MissingPart = 'participations' | 'funding' | 'milestones';

/** The parts with no entries yet, in the order the panel lists them; empty when nothing is missing. */
export function missingParts(action: {
  participations: readonly unknown[];
  funding: readonly unknown[];
  milestones: readonly unknown[];
}): MissingPart[] {
  const order: MissingPart[] = ['participations', 'funding', 'milestones'];
  return order.filter((part) => action[part].length === 0);
}
