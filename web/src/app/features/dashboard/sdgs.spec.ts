import type { Group, MoneyFigures } from '../../core/api/models';
import { SDGS } from '../../shared/sdgs';
import { contrast, sdgTiles } from './sdgs';

const money = {} as MoneyFigures;
const group = (key: string | null, actions: number | null): Group => ({
  key,
  actions,
  label: null,
  modality: null,
  money,
});

describe('SDG tiles', () => {
  it('always has the 17 goals in order, with the official UN colours', () => {
    const tiles = sdgTiles([]);
    expect(tiles.map((t) => t.n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(tiles[0].colour).toBe('#E5243B');
    expect(tiles[10].colour).toBe('#FD9D24');
    expect(tiles[16].colour).toBe('#19486A');
    expect(new Set(SDGS.map((s) => s.colour)).size).toBe(17);
    expect(tiles.every((t) => t.name.length > 0)).toBe(true);
  });

  it('counts actions per goal and dims the goals with none', () => {
    const tiles = sdgTiles([group('11', 5), group('13', 2), group('4', 0), group(null, 9)]);
    expect(tiles.find((t) => t.n === 11)).toMatchObject({ count: 5, dimmed: false });
    expect(tiles.find((t) => t.n === 13)).toMatchObject({ count: 2, dimmed: false });
    expect(tiles.find((t) => t.n === 4)).toMatchObject({ count: 0, dimmed: true });
    expect(tiles.filter((t) => t.dimmed)).toHaveLength(15);
    // The "not stated" group is not a goal.
    expect(tiles.reduce((n, t) => n + t.count, 0)).toBe(7);
  });

  it('ignores keys outside 1–17 and missing counts, and handles no data', () => {
    const tiles = sdgTiles([group('0', 3), group('18', 3), group('x', 3), group('2', null)]);
    expect(tiles.every((t) => t.count === 0 && t.dimmed)).toBe(true);
    expect(sdgTiles(undefined)).toHaveLength(17);
  });

  it('picks the text colour with the better contrast on every tile', () => {
    for (const tile of sdgTiles([])) {
      const other = tile.ink === '#ffffff' ? '#1b1b1f' : '#ffffff';
      expect(contrast(tile.colour, tile.ink)).toBeGreaterThanOrEqual(contrast(tile.colour, other));
      expect(contrast(tile.colour, tile.ink)).toBeGreaterThanOrEqual(3);
    }
  });
});
