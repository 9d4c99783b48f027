import {
  chartQuery,
  dashboardStateFromParams,
  dashboardStateToParams,
  drillDownParams,
  sameQuery,
} from './dashboard-query';

const PARTNER = '0b8f7c1e-3d2a-4b5c-9e8f-1a2b3c4d5e6f';

describe('dashboard filters → chart query', () => {
  it('sends every list filter, as comma lists, plus the currency', () => {
    const state = dashboardStateFromParams({
      q: 'árbol',
      kind: 'cooperation_project,award',
      status: ['implementation', 'pipeline'],
      modality: 'technical',
      theme: 'Movilidad',
      sdg: '11,13',
      partner: PARTNER,
      currency: 'usd',
    });
    expect(chartQuery(state)).toEqual({
      q: 'árbol',
      kind: 'cooperation_project,award',
      status: 'implementation,pipeline',
      modality: 'technical',
      theme: 'Movilidad',
      sdg: '11,13',
      partner: PARTNER,
      currency: 'USD',
    });
  });

  it('sends partner type, municipality and the year range to every dashboard request', () => {
    const state = dashboardStateFromParams({
      partnerType: 'multilateral',
      municipality: 'Zapopan',
      yearFrom: '2019',
      yearTo: '2022',
    });
    expect(chartQuery(state, { limit: 10 })).toEqual({
      partnerType: 'multilateral',
      municipality: 'Zapopan',
      yearFrom: '2019',
      yearTo: '2022',
      currency: 'MXN',
      limit: '10',
    });
    expect(dashboardStateToParams(state)).toEqual({
      partnerType: 'multilateral',
      municipality: 'Zapopan',
      yearFrom: '2019',
      yearTo: '2022',
    });
  });
});

describe('dashboard filters → chart query: what it leaves out and how it compares', () => {
  it('never sends paging or sort (the dashboard aggregates every matching action)', () => {
    const state = dashboardStateFromParams({ page: '3', pageSize: '50', sort: 'code' });
    expect(chartQuery(state)).toEqual({ currency: 'MXN' });
  });

  it('adds endpoint extras as strings', () => {
    const state = dashboardStateFromParams({ status: 'closed' });
    expect(chartQuery(state, { limit: 10, window: 90 })).toEqual({
      status: 'closed',
      currency: 'MXN',
      limit: '10',
      window: '90',
    });
  });

  it('drops what the API would reject instead of sending a 400-bound query', () => {
    const state = dashboardStateFromParams({
      kind: 'nope',
      sdg: '0,18,7',
      partner: 'not-a-uuid',
      currency: 'GBP',
    });
    expect(chartQuery(state)).toEqual({ sdg: '7', currency: 'MXN' });
  });

  it('keeps the URL plain for defaults and round-trips the state', () => {
    expect(dashboardStateToParams(dashboardStateFromParams({}))).toEqual({});
    const params = { status: 'implementation', sdg: '11', currency: 'EUR' };
    expect(dashboardStateToParams(dashboardStateFromParams(params))).toEqual(params);
  });

  it('compares queries by value', () => {
    expect(sameQuery({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameQuery({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(sameQuery({ a: '1' }, { a: '2' })).toBe(false);
  });
});

describe('chart click → /acciones query params', () => {
  const state = dashboardStateFromParams({ status: 'implementation', sdg: '4', currency: 'USD' });

  it('narrows the clicked dimension and keeps the other filters (not the currency)', () => {
    expect(drillDownParams(state, 'partner', PARTNER)).toEqual({
      status: 'implementation',
      sdg: '4',
      partner: PARTNER,
    });
    expect(drillDownParams(state, 'sdg', '11')).toEqual({ status: 'implementation', sdg: '11' });
    expect(drillDownParams(state, 'status', 'closed')).toEqual({ status: 'closed', sdg: '4' });
    expect(drillDownParams(state, 'theme', 'Movilidad')).toEqual({
      status: 'implementation',
      sdg: '4',
      theme: 'Movilidad',
    });
    expect(drillDownParams(state, 'modality', 'financial')).toEqual({
      status: 'implementation',
      sdg: '4',
      modality: 'financial',
    });
  });
});
