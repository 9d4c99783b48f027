import type { ProgressScheme } from '../../core/api/models';

/** The defaults from the IMPLAN Guanajuato board minutes (same as the API's). */
export const DEFAULT_SCHEME: ProgressScheme = {
  stages: [
    { stage: 'planning', weight: 10 },
    { stage: 'programming', weight: 10 },
    { stage: 'budgeting', weight: 10 },
    { stage: 'execution', weight: 40 },
    { stage: 'evaluation', weight: 30 },
  ],
  levels: [
    { min: 0, labelEs: 'Sin avance', labelEn: 'No progress', colour: '#9e9e9e' },
    { min: 10, labelEs: 'Proceso básico', labelEn: 'Basic process', colour: '#d32f2f' },
    { min: 20, labelEs: 'Proceso bajo', labelEn: 'Low process', colour: '#f57c00' },
    { min: 30, labelEs: 'Proceso medio', labelEn: 'Medium process', colour: '#fbc02d' },
    { min: 70, labelEs: 'Proceso cumplido', labelEn: 'Process fulfilled', colour: '#7cb342' },
    { min: 100, labelEs: 'Totalmente cumplido', labelEn: 'Fully fulfilled', colour: '#2e7d32' },
  ],
};

export const COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The sum of the stage weights (empty or non-numeric weights count 0). */
export function weightSum(weights: readonly (number | null)[]): number {
  return weights.reduce<number>((sum, w) => sum + (Number.isFinite(w) ? Number(w) : 0), 0);
}

/**
 * The scheme's rules, checked before saving (the API checks them again): weights whole numbers
 * 0–100 summing 100; levels from 0, strictly ascending, each with both labels and a #rrggbb colour.
 */
export function schemeProblems(scheme: ProgressScheme): string[] {
  const problems: string[] = [];
  if (scheme.stages.some((s) => !Number.isInteger(s.weight) || s.weight < 0 || s.weight > 100))
    problems.push(
      $localize`:@@progressSettings.weightRange:Cada peso es un número entero de 0 a 100.`,
    );
  const sum = weightSum(scheme.stages.map((s) => s.weight));
  if (sum !== 100)
    problems.push(
      $localize`:@@progressSettings.weightSum:Los pesos deben sumar 100 % (suman ${sum}:sum: %).`,
    );
  if (!scheme.levels.length)
    problems.push($localize`:@@progressSettings.noLevels:Hace falta al menos un nivel.`);
  else if (scheme.levels[0].min !== 0)
    problems.push($localize`:@@progressSettings.firstLevel:El primer nivel empieza en 0 %.`);
  if (scheme.levels.some((l, i) => i > 0 && !(l.min > scheme.levels[i - 1].min)))
    problems.push(
      $localize`:@@progressSettings.ascending:Los niveles van de menor a mayor, sin repetir el porcentaje.`,
    );
  if (scheme.levels.some((l) => !Number.isInteger(l.min) || l.min < 0 || l.min > 100))
    problems.push(
      $localize`:@@progressSettings.minRange:Cada nivel empieza en un entero de 0 a 100.`,
    );
  if (scheme.levels.some((l) => !l.labelEs.trim() || !l.labelEn.trim()))
    problems.push(
      $localize`:@@progressSettings.labels:Cada nivel lleva su nombre en español e inglés.`,
    );
  if (scheme.levels.some((l) => !COLOUR.test(l.colour)))
    problems.push(
      $localize`:@@progressSettings.colour:Los colores se escriben #rrggbb, p. ej. #2e7d32.`,
    );
  return problems;
}
