import { KeptDescription, toXmlElement } from '../iati-kept';
import { PositionKeys, readAmount } from '../iati-values';
import { TRANSACTION } from './iati-codes';
import { ActivityContext, addRow, at, fail, party, warn } from './read-context';
import {
  attr,
  decodeXmlText,
  inLang,
  isoDate,
  list,
  narratives,
  Node,
  one,
  textOf,
} from './xml-nodes';

/**
 * A transaction's description: the Spanish narrative, else the first with its language noted
 * (`[en] …`, never passed off as Spanish); every narrative kept for the export.
 */
export function readDescription(a: ActivityContext, node: Node | undefined) {
  const ns = narratives(node, a.lang);
  if (!node || !ns.length) return { text: null, kept: undefined };
  const text = (inLang(ns, 'es') ?? `[${ns[0].lang}] ${ns[0].text}`).slice(0, 2000);
  const kept: KeptDescription = {
    description: toXmlElement('description', node, a.lang, decodeXmlText),
    derived: text,
  };
  return { text, kept };
}

/** What a money element says besides its value. */
interface MoneyFields {
  type: string;
  valueDate: string | undefined;
  description: string | null;
  /** The description as published (transactions). */
  kept?: KeptDescription;
  importKey: string;
  provider?: Node;
  receiver?: Node;
  iatiType?: string;
  ref?: string;
  periodStart?: string;
  periodEnd?: string;
  budgetType?: string;
  budgetStatus?: string;
}

/** A money element (transaction, budget, planned disbursement) → one funding row. */
export function addMoney(
  a: ActivityContext,
  path: string,
  value: Node | undefined,
  f: MoneyFields,
) {
  const read = readAmount(textOf(value));
  if ('error' in read) {
    fail(a, `${path}/value`, 'invalid_amount', read.error, textOf(value) ?? '');
    return;
  }
  if (read.rounded)
    warn(
      a,
      `${path}/value`,
      'amount_rounded',
      'More than two decimals: rounded to cents',
      textOf(value),
    );
  const p = party(a, f.provider);
  const r = party(a, f.receiver);
  const raw = {
    action_code: a.code,
    type: f.type,
    currency: attr(value, 'currency') ?? a.currency ?? null,
    value_date: attr(value, 'value-date') ?? f.valueDate ?? null,
    value_date_precision: 'day',
    provider: p.name,
    receiver: r.name,
    description: f.description,
  };
  addRow(a.ctx, 'funding', path, raw, {
    amount: read.amount,
    iati_type: f.iatiType ?? null,
    ref: f.ref ?? null,
    period_start: f.periodStart ?? null,
    period_end: f.periodEnd ?? null,
    budget_type: f.budgetType ?? null,
    budget_status: f.budgetStatus ?? null,
    iati: f.kept ?? null,
    _import_key: f.importKey,
    _provider_ref: p.ref,
    _provider_type: p.type,
    _receiver_ref: r.ref,
    _receiver_type: r.type,
  });
}

/**
 * Transactions of every type, signed. The reporting organisation gives what goes out and
 * receives what comes in, unless the transaction says otherwise. The amount is never part of
 * the key: a corrected value updates the same record.
 */
export function readTransactions(a: ActivityContext): void {
  const keys = new PositionKeys();
  const reporting = a.own ? undefined : one(a.node, 'reporting-org');
  list(a.node, 'transaction').forEach((t, i) => {
    const path = at(a, `transaction[${i + 1}]`);
    const code = attr(one(t, 'transaction-type'), 'code') ?? '';
    const type = TRANSACTION[code];
    if (!type) {
      const message = 'Not an IATI transaction type: not imported';
      warn(a, `${path}/transaction-type`, 'skipped_transaction', message, code);
      return;
    }
    const ref = attr(t, 'ref');
    const date = isoDate(one(t, 'transaction-date'));
    const incoming = code === '1' || code === '11';
    const description = readDescription(a, one(t, 'description'));
    const givesBack = code === '5' || code === '6';
    addMoney(a, path, one(t, 'value'), {
      type,
      iatiType: code,
      ref,
      valueDate: date,
      description: description.text,
      kept: description.kept,
      provider: one(t, 'provider-org') ?? (incoming || givesBack ? undefined : reporting),
      receiver: one(t, 'receiver-org') ?? (incoming ? reporting : undefined),
      importKey: keys.next(ref ? `transaction|ref|${ref}` : `transaction|${code}|${date ?? ''}`),
    });
  });
}

/** Budgets: a revised budget (type 2) supersedes the original (type 1) of the same period. */
export function readBudgets(a: ActivityContext): void {
  const keys = new PositionKeys();
  const budgets = list(a.node, 'budget').map((b, i) => ({
    node: b,
    path: at(a, `budget[${i + 1}]`),
    start: isoDate(one(b, 'period-start')),
    end: isoDate(one(b, 'period-end')),
    revised: attr(b, 'type') === '2',
    committed: attr(b, 'status') === '2',
  }));
  const revisedPeriods = new Set(
    budgets.filter((b) => b.revised).map((b) => `${b.start}|${b.end}`),
  );
  for (const b of budgets) {
    const superseded = !b.revised && revisedPeriods.has(`${b.start}|${b.end}`);
    addMoney(a, b.path, one(b.node, 'value'), {
      type: superseded ? 'ceiling_superseded' : 'ceiling',
      valueDate: b.start,
      description: null,
      periodStart: b.start,
      periodEnd: b.end,
      budgetType: b.revised ? 'revised' : 'original',
      budgetStatus: b.committed ? 'committed' : 'indicative',
      importKey: keys.next(`budget|${b.revised ? 2 : 1}|${b.start ?? ''}|${b.end ?? ''}`),
    });
  }
}

/** Planned disbursements, past or future: planned money with its period, never executed. */
export function readPlannedDisbursements(a: ActivityContext): void {
  const keys = new PositionKeys();
  list(a.node, 'planned-disbursement').forEach((d, i) => {
    const start = isoDate(one(d, 'period-start'));
    const end = isoDate(one(d, 'period-end'));
    const type = attr(d, 'type');
    addMoney(a, at(a, `planned-disbursement[${i + 1}]`), one(d, 'value'), {
      type: 'planned_disbursement',
      valueDate: start,
      description: null,
      periodStart: start,
      periodEnd: end,
      budgetType: type ? (type === '2' ? 'revised' : 'original') : undefined,
      provider: one(d, 'provider-org'),
      receiver: one(d, 'receiver-org'),
      importKey: keys.next(`planned|${type ?? ''}|${start ?? ''}|${end ?? ''}`),
    });
  });
}
