import { apiLanguage, otherLanguageUrl } from './locale';

describe('language switch', () => {
  it('goes from the Spanish build to the same page under /en, keeping the query', () => {
    expect(otherLanguageUrl('es-MX', '/acciones?status=closed&page=2')).toBe(
      '/en/acciones?status=closed&page=2',
    );
  });

  it('goes from the English build back to the Spanish root', () => {
    expect(otherLanguageUrl('en', '/acciones/42?x=1')).toBe('/acciones/42?x=1');
  });

  it('sends the API the build language', () => {
    expect(apiLanguage('es-MX')).toBe('es');
    expect(apiLanguage('en')).toBe('en');
  });
});
