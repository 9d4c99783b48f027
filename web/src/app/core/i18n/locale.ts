/** The locale this build was compiled for ('es-MX' source, 'en' translation). */
export function currentLocale(): string {
  return (typeof $localize !== 'undefined' && $localize.locale) || 'es-MX';
}

/** 'es' or 'en': the language the API should answer errors in. */
export function apiLanguage(locale: string): 'es' | 'en' {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/**
 * The URL of the same page in the other language build: the English build lives under /en/,
 * the Spanish one at /. `path` is the router URL (path + query + fragment).
 */
export function otherLanguageUrl(locale: string, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (apiLanguage(locale) === 'en') {
    // The router URL never contains the base href, so the Spanish URL is the path itself.
    return clean;
  }
  return `/en${clean}`;
}
