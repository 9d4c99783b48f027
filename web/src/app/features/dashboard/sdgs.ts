import type { Group } from '../../core/api/models';
import { type Sdg, SDGS } from '../../shared/sdgs';

/** A tile as drawn: the goal, how many actions contribute to it, and whether it is dimmed. */
export interface SdgTile extends Sdg {
  count: number;
  dimmed: boolean;
  /** Text colour with the better contrast on `colour` (white or near-black). */
  ink: string;
}

const DARK_INK = '#1b1b1f';
const LIGHT_INK = '#ffffff';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White unless near-black reads better on the background (yellow, orange, light blue…). */
export function inkFor(background: string): string {
  return contrast(background, LIGHT_INK) >= contrast(background, DARK_INK) ? LIGHT_INK : DARK_INK;
}

/**
 * Always the 17 goals in order, with action counts from GET /dashboard/by-sdg. Goals with no
 * action (or missing from the response) are dimmed; the "not stated" group is ignored here.
 */
export function sdgTiles(groups: readonly Group[] | null | undefined): SdgTile[] {
  const counts = new Map<number, number>();
  for (const g of groups ?? []) {
    const n = g.key !== null && g.key !== undefined && /^\d+$/.test(g.key) ? Number(g.key) : NaN;
    const count = typeof g.actions === 'number' && Number.isFinite(g.actions) ? g.actions : 0;
    if (n >= 1 && n <= 17) counts.set(n, (counts.get(n) ?? 0) + count);
  }
  return SDGS.map((sdg) => {
    const count = counts.get(sdg.n) ?? 0;
    return { ...sdg, count, dimmed: count === 0, ink: inkFor(sdg.colour) };
  });
}
