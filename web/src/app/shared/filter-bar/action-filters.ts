import type { Params } from '@angular/router';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  MODALITIES,
  ORGANISATION_TYPES,
} from '../../core/api/models';

/** Everything that decides which actions the list shows; lives in the URL query string. */
export interface ActionFilters {
  q: string;
  kind: string[];
  status: string[];
  modality: string[];
  theme: string[];
  sdg: number[];
  partner: string[];
  /** Organisation types (`multilateral`, `ngo_foundation`…) of a partner. */
  partnerType: string[];
  municipality: string[];
  /** Actions running in or after / in or before these years (null: open). */
  yearFrom: number | null;
  yearTo: number | null;
  /** Only actions with overdue milestones. */
  overdue: boolean;
  page: number;
  pageSize: number;
  sort: string;
}

export const SORT_FIELDS = [
  'code',
  'titleEs',
  'status',
  'kind',
  'updatedAt',
  'actualStart',
  'progress',
  'committed',
  'executed',
  'ceilings',
] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const DEFAULT_FILTERS: ActionFilters = {
  q: '',
  kind: [],
  status: [],
  modality: [],
  theme: [],
  sdg: [],
  partner: [],
  partnerType: [],
  municipality: [],
  yearFrom: null,
  yearTo: null,
  overdue: false,
  page: 1,
  pageSize: 25,
  sort: '-updatedAt',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const items = raw.flatMap((v) => String(v).split(',')).map((v) => v.trim());
  return [...new Set(items.filter((v) => v !== ''))];
}

/** A year the API accepts (1900–2200), or null. */
function year(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return n >= 1900 && n <= 2200 ? n : null;
}

function int(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : fallback;
}

/**
 * Reads filters from query params, dropping anything the API would reject (unknown codes,
 * SDGs outside 1–17, page sizes over 100, unknown sort fields), so a hand-edited URL never
 * turns into a 400.
 */
export function filtersFromParams(params: Params): ActionFilters {
  const p = params as Record<string, unknown>;
  const sort = typeof p['sort'] === 'string' ? p['sort'] : '';
  const sortField = sort.replace(/^-/, '');
  const pageSize = int(p['pageSize'], DEFAULT_FILTERS.pageSize);
  return {
    q: typeof p['q'] === 'string' ? p['q'].slice(0, 200) : '',
    kind: list(p['kind']).filter((v) => (ACTION_KINDS as readonly string[]).includes(v)),
    status: list(p['status']).filter((v) => (ACTION_STATUSES as readonly string[]).includes(v)),
    modality: list(p['modality']).filter((v) => (MODALITIES as readonly string[]).includes(v)),
    theme: list(p['theme']).slice(0, 20),
    sdg: list(p['sdg'])
      .filter((v) => /^\d+$/.test(v))
      .map(Number)
      .filter((n) => n >= 1 && n <= 17),
    partner: list(p['partner']).filter((v) => UUID.test(v)),
    partnerType: list(p['partnerType']).filter((v) =>
      (ORGANISATION_TYPES as readonly string[]).includes(v),
    ),
    municipality: list(p['municipality'])
      .filter((v) => v.length <= 100)
      .slice(0, 20),
    yearFrom: year(p['yearFrom']),
    yearTo: year(p['yearTo']),
    overdue: p['overdue'] === 'true',
    page: Math.max(1, int(p['page'], 1)),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_FILTERS.pageSize,
    sort: (SORT_FIELDS as readonly string[]).includes(sortField) ? sort : DEFAULT_FILTERS.sort,
  };
}

/** The comma-list filters, in URL order. */
export const LIST_KEYS = [
  'kind',
  'status',
  'modality',
  'theme',
  'sdg',
  'partner',
  'partnerType',
  'municipality',
] as const;

/** Query params for the URL: defaults are left out so a plain list has a plain URL. */
export function filtersToParams(filters: ActionFilters): Params {
  const params: Params = {};
  if (filters.q.trim()) params['q'] = filters.q.trim();
  for (const key of LIST_KEYS) {
    if (filters[key].length) params[key] = filters[key].join(',');
  }
  if (filters.yearFrom !== null) params['yearFrom'] = String(filters.yearFrom);
  if (filters.yearTo !== null) params['yearTo'] = String(filters.yearTo);
  if (filters.overdue) params['overdue'] = 'true';
  if (filters.page !== DEFAULT_FILTERS.page) params['page'] = String(filters.page);
  if (filters.pageSize !== DEFAULT_FILTERS.pageSize) params['pageSize'] = String(filters.pageSize);
  if (filters.sort !== DEFAULT_FILTERS.sort) params['sort'] = filters.sort;
  return params;
}

/** Query params for GET /api/v1/actions (always explicit paging and sort). */
export function filtersToApiParams(filters: ActionFilters): Record<string, string> {
  return {
    ...filtersToParams(filters),
    page: String(filters.page),
    pageSize: String(filters.pageSize),
    sort: filters.sort,
  };
}

/** True when any narrowing filter (not paging/sort) is set. */
export function hasActiveFilters(filters: ActionFilters): boolean {
  return (
    filters.q.trim() !== '' ||
    filters.kind.length + filters.status.length + filters.modality.length + filters.theme.length >
      0 ||
    filters.sdg.length + filters.partner.length > 0 ||
    filters.partnerType.length + filters.municipality.length > 0 ||
    filters.yearFrom !== null ||
    filters.yearTo !== null ||
    filters.overdue
  );
}
