import { DEFAULT_FILTERS, filtersFromParams, filtersToParams } from './action-filters';
import { labelOfCode, type Theme } from '../themes/themes.model';
import { CLEARED, type ChipLabels, filterChips, withoutChip } from './filter-chips';

const THEMES: Theme[] = [
  { code: 'movilidad', labelEs: 'Movilidad', labelEn: 'Mobility', version: 1, actionCount: 3 },
];
const GIZ = '0b8f7c1e-3d2a-4b5c-9e8f-1a2b3c4d5e6f';
const labels: ChipLabels = {
  kind: (v) => `kind:${v}`,
  status: (v) => `status:${v}`,
  modality: (v) => `modality:${v}`,
  theme: (v) => labelOfCode(THEMES, v, 'es'),
  sdg: (n) => `ODS ${n}`,
  partner: (id) => (id === GIZ ? 'GIZ' : '…'),
  partnerType: (v) => `type:${v}`,
};

describe('the shared filter bar’s chips', () => {
  const full = {
    ...DEFAULT_FILTERS,
    q: ' árbol ',
    kind: ['award'],
    partner: [GIZ],
    partnerType: ['bilateral_agency'],
    yearFrom: 2018,
    yearTo: 2021,
    theme: ['movilidad', 'economia-circular'],
    municipality: ['Zapopan'],
    sdg: [11],
  };

  it('shows one labelled chip per active filter, the year range as one', () => {
    expect(filterChips(full, labels).map((c) => c.label)).toEqual([
      '“árbol”',
      'kind:award',
      'GIZ',
      'type:bilateral_agency',
      '2018–2021',
      'Movilidad',
      'Economia circular',
      'Zapopan',
      'ODS 11',
    ]);
    expect(filterChips(DEFAULT_FILTERS, labels)).toEqual([]);
    expect(filterChips({ ...DEFAULT_FILTERS, yearTo: 2020 }, labels)[0].label).toBe('…–2020');
  });

  it('removes exactly the chip’s filter and survives the trip through the URL', () => {
    const chips = filterChips(full, labels);
    const chip = (test: (c: (typeof chips)[number]) => boolean) => {
      const found = chips.find(test);
      if (!found) throw new Error('chip not shown');
      return found;
    };
    const year = chip((c) => c.key === 'year');
    expect(withoutChip(full, year)).toEqual({ yearFrom: null, yearTo: null });
    const theme = chip((c) => c.value === 'movilidad');
    const next = { ...full, ...withoutChip(full, theme) };
    expect(next.theme).toEqual(['economia-circular']);
    expect(filtersFromParams(filtersToParams(next))).toEqual({ ...next, q: 'árbol' });
    const sdg = chip((c) => c.key === 'sdg');
    expect(withoutChip(full, sdg)).toEqual({ sdg: [] });
  });

  it('clears every narrowing filter but leaves paging and sort to the page', () => {
    const cleared = { ...full, sort: 'committed', ...CLEARED };
    expect(filterChips(cleared, labels)).toEqual([]);
    expect(filtersToParams(cleared)).toEqual({ sort: 'committed' });
  });
});
