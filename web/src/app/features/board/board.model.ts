import type { AgendaItem, Agreement, AgreementStatus, BoardSession } from '../../core/api/models';
import { SESSION_KIND_LABELS } from '../../core/i18n/progress-labels';

/** "12ª sesión ordinaria 2023" (en: "Ordinary session 12 of 2023"). */
export function sessionLabel(s: Pick<BoardSession, 'number' | 'kind' | 'year'>): string {
  const n = s.number;
  const kind = (SESSION_KIND_LABELS[s.kind] ?? s.kind).toLowerCase();
  const year = s.year;
  return $localize`:@@session.label:${n}:n:ª sesión ${kind}:kind: ${year}:year:`;
}

/** The agreement list's filter: a status, "overdue" (open past its due date) or everything. */
export type AgreementFilter = AgreementStatus | 'pending' | 'overdue' | 'all';
export const AGREEMENT_FILTERS: AgreementFilter[] = [
  'pending',
  'overdue',
  'open',
  'in_progress',
  'done',
  'cancelled',
  'all',
];

/** Still to be fulfilled: open or in progress. */
export function isPending(a: Pick<Agreement, 'status'>): boolean {
  return a.status === 'open' || a.status === 'in_progress';
}

/** Pending with a due date before `today` (YYYY-MM-DD). */
export function isOverdue(a: Pick<Agreement, 'status' | 'dueDate'>, today: string): boolean {
  return isPending(a) && !!a.dueDate && a.dueDate < today;
}

export function filterAgreements<T extends Pick<Agreement, 'status' | 'dueDate'>>(
  agreements: readonly T[],
  filter: AgreementFilter,
  today: string,
): T[] {
  switch (filter) {
    case 'all':
      return [...agreements];
    case 'pending':
      return agreements.filter(isPending);
    case 'overdue':
      return agreements.filter((a) => isOverdue(a, today));
    default:
      return agreements.filter((a) => a.status === filter);
  }
}

export function parseFilter(value: unknown): AgreementFilter {
  return (AGREEMENT_FILTERS as unknown[]).includes(value) ? (value as AgreementFilter) : 'pending';
}

/** The next free agenda position (items are numbered 1, 2, 3…). */
export function nextPosition(items: readonly Pick<AgendaItem, 'position'>[]): number {
  return items.reduce((max, i) => Math.max(max, i.position), 0) + 1;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function roman(n: number): string {
  let rest = Math.floor(n);
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/**
 * A suggested code for the next agreement of a session, in the minutes' style: JD-<session
 * number in Roman numerals>-<next number> (JD-XII-1, JD-XII-2…), skipping codes already used.
 */
export function suggestCode(
  session: Pick<BoardSession, 'number'>,
  agreements: readonly Pick<Agreement, 'code'>[],
): string {
  const prefix = `JD-${roman(session.number)}-`;
  const used = new Set(agreements.map((a) => a.code));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
