import { HttpInterceptorFn } from '@angular/common/http';
import { inject, LOCALE_ID } from '@angular/core';
import { apiLanguage } from '../i18n/locale';

/** The API localises error messages from Accept-Language: 'es' on the Spanish build, 'en' on the English one. */
export const acceptLanguageInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/') || req.headers.has('Accept-Language')) return next(req);
  const language = apiLanguage(inject(LOCALE_ID));
  return next(req.clone({ setHeaders: { 'Accept-Language': language } }));
};
