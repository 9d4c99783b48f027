import { type ActionFilters, DEFAULT_FILTERS } from './action-filters';

/** The narrowing filters a chip can stand for (`year` is the range, both ends at once). */
export type ChipKey =
  | 'q'
  | 'kind'
  | 'status'
  | 'modality'
  | 'theme'
  | 'sdg'
  | 'partner'
  | 'partnerType'
  | 'municipality'
  | 'year';

export interface FilterChip {
  key: ChipKey;
  value: string;
  label: string;
}

/** How each coded value reads (the host passes its labels: vocabulary, themes, partner names). */
export interface ChipLabels {
  kind(code: string): string;
  status(code: string): string;
  modality(code: string): string;
  theme(code: string): string;
  sdg(n: number): string;
  partner(id: string): string;
  partnerType(code: string): string;
}

/** One removable chip per active narrowing filter, in the order of the bar. */
export function filterChips(f: ActionFilters, labels: ChipLabels): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.q.trim()) chips.push({ key: 'q', value: f.q, label: `“${f.q.trim()}”` });
  for (const v of f.kind) chips.push({ key: 'kind', value: v, label: labels.kind(v) });
  for (const v of f.status) chips.push({ key: 'status', value: v, label: labels.status(v) });
  for (const v of f.modality) chips.push({ key: 'modality', value: v, label: labels.modality(v) });
  for (const v of f.partner) chips.push({ key: 'partner', value: v, label: labels.partner(v) });
  for (const v of f.partnerType)
    chips.push({ key: 'partnerType', value: v, label: labels.partnerType(v) });
  if (f.yearFrom !== null || f.yearTo !== null)
    chips.push({ key: 'year', value: '', label: `${f.yearFrom ?? '…'}–${f.yearTo ?? '…'}` });
  for (const v of f.theme) chips.push({ key: 'theme', value: v, label: labels.theme(v) });
  for (const v of f.municipality) chips.push({ key: 'municipality', value: v, label: v });
  for (const n of f.sdg) chips.push({ key: 'sdg', value: String(n), label: labels.sdg(n) });
  return chips;
}

/** The change that removes one chip's filter. */
export function withoutChip(f: ActionFilters, chip: FilterChip): Partial<ActionFilters> {
  switch (chip.key) {
    case 'q':
      return { q: '' };
    case 'year':
      return { yearFrom: null, yearTo: null };
    case 'sdg':
      return { sdg: f.sdg.filter((n) => String(n) !== chip.value) };
    default:
      return { [chip.key]: f[chip.key].filter((v) => v !== chip.value) };
  }
}

/** The change that clears every narrowing filter (paging and sort are the host's). */
const { page: _page, pageSize: _pageSize, sort: _sort, ...narrowing } = DEFAULT_FILTERS;
export const CLEARED: Partial<ActionFilters> = narrowing;
