import Decimal from 'decimal.js';
import type { InputRow } from '../import-model';
import type { PartSpec } from './part-planner';
import type { PlanContext } from './plan-context';
import { pick } from './plan-util';

/** The money columns a row may state (transactions, budgets, planned disbursements alike). */
const COLUMNS = [
  'type',
  'amount',
  'currency',
  'value_date',
  'value_date_precision',
  'description',
  'iati_type',
  'ref',
  'period_start',
  'period_end',
  'budget_type',
  'budget_status',
  'iati',
];

/** The provider or receiver a row names: undefined if the column is absent, null if empty. */
function partyOrg(
  ctx: PlanContext,
  r: InputRow,
  column: 'provider' | 'receiver',
): string | null | undefined {
  if (!(column in r.values)) return undefined;
  const name = r.values[column] as string | null;
  const ref = r.values[`_${column}_ref`] as string | undefined;
  if (!name && !ref) return null;
  const type = r.values[`_${column}_type`];
  return ctx.organisations.orgFor(r.location, column, {
    name,
    ref,
    defaults: type ? { type } : undefined,
  });
}

const named = (v: Record<string, unknown>) =>
  `${String(v.type)} ${String(v.currency ?? '')} ${String(v.amount)}`.replace(/\s+/g, ' ');

/**
 * Money records (funding): IATI transactions, budgets and planned disbursements, and the rows of
 * the funding table. Without an id or import key a row matches by type, amount, currency, date,
 * provider and receiver; IATI keys never hold the amount, so a corrected value is an update.
 */
export const FUNDING: PartSpec = {
  table: 'funding',
  parent: 'action_id',
  build(ctx, r, actionId) {
    const values = pick(r.values, COLUMNS);
    const provider = partyOrg(ctx, r, 'provider');
    const receiver = partyOrg(ctx, r, 'receiver');
    if (provider !== undefined) values.provider_id = provider;
    if (receiver !== undefined) values.receiver_id = receiver;
    return { values, parentId: actionId };
  },
  natural: (v) =>
    [
      v.type,
      v.amount ? new Decimal(v.amount as string).toFixed(2) : '',
      v.currency,
      v.value_date,
      v.provider_id,
      v.receiver_id,
    ]
      .map((x) => String(x ?? ''))
      .join('|'),
  key: (v, r) => `${String(r.values.action_code)} · ${named(v)}`,
  deletedKey: named,
};
