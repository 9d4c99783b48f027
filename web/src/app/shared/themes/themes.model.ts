import type { Theme } from '../../core/api/models';

/** A theme of the managed list (GET /api/v1/themes). */
export type { Theme };

/** For comparing what people type: accents, case and runs of spaces ignored. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Cambio climático" → "cambio-climatico" (as the API makes codes). */
export function slugOf(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A code the list lacks (old data, imports), readable: "economia-circular" → "Economia circular". */
export function readableCode(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function themeLabel(theme: Theme, lang: 'es' | 'en'): string {
  return lang === 'en' ? theme.labelEn : theme.labelEs;
}

/** The label of a code in `lang`, from the list or readable from the code. */
export function labelOfCode(themes: readonly Theme[], code: string, lang: 'es' | 'en'): string {
  const theme = themes.find((t) => t.code === code);
  return theme ? themeLabel(theme, lang) : readableCode(code);
}

/**
 * The theme someone means by `text`: its code, either label or a spelling of it, any case or
 * accents ("cambio climatico" → Cambio climático). Null when none.
 */
export function matchTheme(themes: readonly Theme[], text: string): Theme | null {
  const folded = fold(text);
  if (!folded) return null;
  const slug = slugOf(text);
  return (
    themes.find(
      (t) =>
        t.code === text.trim() ||
        t.code === slug ||
        fold(t.labelEs) === folded ||
        fold(t.labelEn) === folded,
    ) ?? null
  );
}

/** Themes whose label (either language) contains every typed word, accents and case ignored. */
export function filterThemes(themes: readonly Theme[], text: string, lang: 'es' | 'en'): Theme[] {
  const words = fold(text).split(' ').filter(Boolean);
  const byLabel = [...themes].sort((a, b) =>
    fold(themeLabel(a, lang)).localeCompare(fold(themeLabel(b, lang))),
  );
  if (!words.length) return byLabel;
  return byLabel.filter((t) => {
    const haystack = `${fold(t.labelEs)} ${fold(t.labelEn)} ${t.code}`;
    return words.every((w) => haystack.includes(w));
  });
}
