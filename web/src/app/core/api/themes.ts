import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, LOCALE_ID } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { catchError, map, of } from 'rxjs';

/** A theme as GET /api/v1/themes answers it: a stable code and its labels. */
export interface Theme {
  code: string;
  labelEs: string;
  labelEn: string;
}

/**
 * The themes the portfolio used before themes became a managed list, keyed by code (the API's
 * vocabulary). Used until GET /api/v1/themes answers; then that list wins.
 */
export const BUILT_IN_THEMES: readonly Theme[] = [
  { code: 'cambio-climatico', labelEs: 'Cambio climático', labelEn: 'Climate change' },
  { code: 'movilidad', labelEs: 'Movilidad', labelEn: 'Mobility' },
  { code: 'innovacion', labelEs: 'Innovación', labelEn: 'Innovation' },
  { code: 'planeacion', labelEs: 'Planeación', labelEn: 'Planning' },
  { code: 'medio-ambiente', labelEs: 'Medio ambiente', labelEn: 'Environment' },
  { code: 'genero', labelEs: 'Género', labelEn: 'Gender' },
  {
    code: 'participacion-ciudadana',
    labelEs: 'Participación ciudadana',
    labelEn: 'Citizen participation',
  },
  { code: 'migracion', labelEs: 'Migración', labelEn: 'Migration' },
  {
    code: 'gobernanza-metropolitana',
    labelEs: 'Gobernanza metropolitana',
    labelEn: 'Metropolitan governance',
  },
  { code: 'arbolado-urbano', labelEs: 'Arbolado urbano', labelEn: 'Urban trees' },
  { code: 'vivienda', labelEs: 'Vivienda', labelEn: 'Housing' },
  { code: 'inclusion-social', labelEs: 'Inclusión social', labelEn: 'Social inclusion' },
  { code: 'residuos', labelEs: 'Residuos', labelEn: 'Waste' },
  { code: 'economia-local', labelEs: 'Economía local', labelEn: 'Local economy' },
  { code: 'seguridad', labelEs: 'Seguridad', labelEn: 'Safety' },
  { code: 'resiliencia', labelEs: 'Resiliencia', labelEn: 'Resilience' },
  { code: 'calidad-del-aire', labelEs: 'Calidad del aire', labelEn: 'Air quality' },
  { code: 'justicia-civica', labelEs: 'Justicia cívica', labelEn: 'Civic justice' },
  { code: 'salud-publica', labelEs: 'Salud pública', labelEn: 'Public health' },
  { code: 'infraestructura', labelEs: 'Infraestructura', labelEn: 'Infrastructure' },
  { code: 'espacios-verdes', labelEs: 'Espacios verdes', labelEn: 'Green spaces' },
  { code: 'cohesion-social', labelEs: 'Cohesión social', labelEn: 'Social cohesion' },
  { code: 'convivencia', labelEs: 'Convivencia', labelEn: 'Coexistence' },
  { code: 'diversidad-sexual', labelEs: 'Diversidad sexual', labelEn: 'Sexual diversity' },
  { code: 'agua', labelEs: 'Agua', labelEn: 'Water' },
];

/** Whether the API serves the managed theme list (GET /api/v1/themes). */
const MANAGED_THEMES = false;

/** "calidad-del-aire" → "Calidad del aire": how a code without a label reads. */
export function themeFromCode(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The theme list of the filters, keyed by code, labels in the app's language, sorted by label.
 * Today the built-in codes and labels; once GET /api/v1/themes (the managed list, same shape)
 * is on the API, `themes$` reads it instead and nothing else changes.
 */
@Injectable({ providedIn: 'root' })
export class ThemesSource {
  private readonly english = inject(LOCALE_ID).startsWith('en');
  private readonly http = inject(HttpClient);
  private readonly themes$ = MANAGED_THEMES
    ? this.http.get<Theme[]>('/api/v1/themes').pipe(
        map((themes) => (Array.isArray(themes) && themes.length ? themes : BUILT_IN_THEMES)),
        catchError(() => of(BUILT_IN_THEMES)),
      )
    : of(BUILT_IN_THEMES);
  private readonly loaded = toSignal(this.themes$, { initialValue: BUILT_IN_THEMES });

  /** { code, label } in the app's language, by label. */
  readonly options = computed(() =>
    this.loaded()
      .map((t) => ({ code: t.code, label: this.english ? t.labelEn : t.labelEs }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  );

  /** The label of a code (a code the list does not know reads from its words). */
  label(code: string): string {
    return this.options().find((t) => t.code === code)?.label ?? themeFromCode(code);
  }
}
