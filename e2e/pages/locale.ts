/** The two builds: Spanish (es-MX) at /, English at /en/. */
export type Locale = 'es' | 'en';

export const basePath = (locale: Locale): string => (locale === 'en' ? '/en' : '');

/** `/acciones` → `/en/acciones` for the English build. */
export const localePath = (locale: Locale, path: string): string => `${basePath(locale)}${path}`;

/** Matches a URL whose path is exactly `path` (any query string or fragment). */
export const hasPath =
  (path: string) =>
  (url: URL): boolean =>
    url.pathname.replace(/\/$/, '') === path.replace(/\/$/, '');
