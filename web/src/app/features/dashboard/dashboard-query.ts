import type { Params } from '@angular/router';
import { CURRENCIES, type Currency } from '../../core/api/models';
import {
  type ActionFilters,
  DEFAULT_FILTERS,
  filtersFromParams,
  filtersToParams,
} from '../../shared/filter-bar/action-filters';

/** Everything that decides what the dashboard shows; lives in the URL query string. */
export interface DashboardState {
  /** The action list's narrowing filters (paging and sort never apply to the dashboard). */
  filters: ActionFilters;
  currency: Currency;
}

export const DEFAULT_CURRENCY: Currency = 'MXN';

/** Filter keys a chart can drill down on, as the action list reads them from its URL. */
export type DrillKey = 'partner' | 'theme' | 'sdg' | 'status' | 'modality' | 'kind';

function currencyFrom(value: unknown): Currency {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return (CURRENCIES as readonly string[]).includes(code) ? (code as Currency) : DEFAULT_CURRENCY;
}

/** Drops paging and sort: the dashboard aggregates over every action the filters match. */
function narrowing(filters: ActionFilters): ActionFilters {
  return {
    ...filters,
    page: DEFAULT_FILTERS.page,
    pageSize: DEFAULT_FILTERS.pageSize,
    sort: DEFAULT_FILTERS.sort,
  };
}

/** Reads the dashboard state from query params (same rules as the action list, plus currency). */
export function dashboardStateFromParams(params: Params): DashboardState {
  const p = params as Record<string, unknown>;
  return { filters: narrowing(filtersFromParams(params)), currency: currencyFrom(p['currency']) };
}

/** Query params for the dashboard URL: defaults left out, so a plain dashboard has a plain URL. */
export function dashboardStateToParams(state: DashboardState): Params {
  const params = filtersToParams(narrowing(state.filters));
  if (state.currency !== DEFAULT_CURRENCY) params['currency'] = state.currency;
  return params;
}

/**
 * Query params for every GET /api/v1/dashboard/* call: the list filters (comma lists, as the
 * API's `toList` reads them), the reporting currency and any endpoint extras (`limit`, `window`).
 */
export function chartQuery(
  state: DashboardState,
  extra: Record<string, string | number> = {},
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filtersToParams(narrowing(state.filters)))) {
    query[key] = String(value);
  }
  query['currency'] = state.currency;
  for (const [key, value] of Object.entries(extra)) query[key] = String(value);
  return query;
}

/** Two queries ask the API the same thing (used to skip needless reloads). */
export function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Query params for /acciones after clicking a bar or tile: the dashboard's current filters,
 * with the clicked dimension narrowed to the clicked value.
 */
export function drillDownParams(state: DashboardState, key: DrillKey, value: string): Params {
  const filters = narrowing(state.filters);
  const next: ActionFilters =
    key === 'sdg'
      ? { ...filters, sdg: /^\d+$/.test(value) ? [Number(value)] : filters.sdg }
      : { ...filters, [key]: [value] };
  // Round-trip through the list's own parser so only what /acciones accepts is kept.
  return filtersToParams(filtersFromParams(filtersToParams(next)));
}
