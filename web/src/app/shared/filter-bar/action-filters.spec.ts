import {
  DEFAULT_FILTERS,
  filtersFromParams,
  filtersToApiParams,
  filtersToParams,
  hasActiveFilters,
} from './action-filters';

const PARTNER = '0b8f7c1e-3d2a-4b5c-9e8f-1a2b3c4d5e6f';

describe('action filters ⇄ URL query params', () => {
  it('round-trips a full filter state through the URL', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: 'árbol',
      kind: ['cooperation_project', 'award'],
      status: ['implementation'],
      modality: ['technical'],
      theme: ['Movilidad', 'Vivienda'],
      sdg: [11, 13],
      partner: [PARTNER],
      page: 3,
      pageSize: 50,
      sort: 'code',
    };
    const params = filtersToParams(filters);
    expect(params).toEqual({
      q: 'árbol',
      kind: 'cooperation_project,award',
      status: 'implementation',
      modality: 'technical',
      theme: 'Movilidad,Vivienda',
      sdg: '11,13',
      partner: PARTNER,
      page: '3',
      pageSize: '50',
      sort: 'code',
    });
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it('keeps the URL of the plain list clean', () => {
    expect(filtersToParams(DEFAULT_FILTERS)).toEqual({});
    expect(filtersFromParams({})).toEqual(DEFAULT_FILTERS);
  });

  it('drops values the API would reject instead of causing a 400', () => {
    const filters = filtersFromParams({
      kind: 'award,bogus',
      sdg: '0,5,18,x',
      partner: 'not-a-uuid',
      pageSize: '500',
      page: '-2',
      sort: '-password',
    });
    expect(filters.kind).toEqual(['award']);
    expect(filters.sdg).toEqual([5]);
    expect(filters.partner).toEqual([]);
    expect(filters.pageSize).toBe(25);
    expect(filters.page).toBe(1);
    expect(filters.sort).toBe('-updatedAt');
  });

  it('sorts by progress, as the API does', () => {
    expect(filtersFromParams({ sort: '-progress' }).sort).toBe('-progress');
    expect(filtersToParams({ ...DEFAULT_FILTERS, sort: 'progress' })).toEqual({ sort: 'progress' });
  });

  it('accepts repeated params as well as comma lists, without duplicates', () => {
    expect(filtersFromParams({ status: ['closed', 'closed,pipeline'] }).status).toEqual([
      'closed',
      'pipeline',
    ]);
  });

  it('always sends explicit paging and sort to the API', () => {
    expect(filtersToApiParams({ ...DEFAULT_FILTERS, status: ['closed'] })).toEqual({
      status: 'closed',
      page: '1',
      pageSize: '25',
      sort: '-updatedAt',
    });
  });

  it('knows when the list is narrowed (for the empty state)', () => {
    expect(hasActiveFilters(DEFAULT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, page: 4, sort: 'code' })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, sdg: [13] })).toBe(true);
  });
});

describe('action filters: partner type, municipality and years', () => {
  it('maps partner type, municipality and the year range to and from the URL', () => {
    const filters = filtersFromParams({
      partnerType: 'multilateral,ngo_foundation',
      municipality: ['Zapopan', 'Tlaquepaque'],
      yearFrom: '2018',
      yearTo: '2021',
    });
    expect(filters).toEqual({
      ...DEFAULT_FILTERS,
      partnerType: ['multilateral', 'ngo_foundation'],
      municipality: ['Zapopan', 'Tlaquepaque'],
      yearFrom: 2018,
      yearTo: 2021,
    });
    expect(filtersToParams(filters)).toEqual({
      partnerType: 'multilateral,ngo_foundation',
      municipality: 'Zapopan,Tlaquepaque',
      yearFrom: '2018',
      yearTo: '2021',
    });
    expect(hasActiveFilters(filters)).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, yearTo: 2020 })).toBe(true);
  });

  it('drops partner types and years the API would reject', () => {
    const filters = filtersFromParams({
      partnerType: 'bogus,private',
      yearFrom: '1800',
      yearTo: '20x1',
    });
    expect(filters.partnerType).toEqual(['private']);
    expect(filters.yearFrom).toBeNull();
    expect(filters.yearTo).toBeNull();
  });
});
