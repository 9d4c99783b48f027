import type { ApiError } from '../../core/api/api-error';

/**
 * What a failed download tells the user, chosen by the API's error `code` so the sentence fits a
 * download (the API's own message, already in the page's language, is the fallback).
 */
export function exportErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
      return error.retryAfterSeconds
        ? $localize`:@@export.error.rateLimitedIn:Demasiadas descargas seguidas. Vuelve a intentarlo en ${error.retryAfterSeconds}:seconds: s.`
        : $localize`:@@export.error.rateLimited:Demasiadas descargas seguidas. Espera un momento y vuelve a intentarlo.`;
    case 'FORBIDDEN':
      return $localize`:@@export.error.forbidden:Tu cuenta no tiene permiso para esta exportación.`;
    case 'UNAUTHENTICATED':
      return $localize`:@@export.error.unauthenticated:Tu sesión terminó. Inicia sesión de nuevo para descargar.`;
    case 'ACTION_NOT_FOUND':
      return $localize`:@@export.error.actionNotFound:La acción no existe o no tienes acceso a ella.`;
    case 'SHARE_LINK_NOT_FOUND':
      return $localize`:@@export.error.linkGone:Este enlace ya no está disponible (venció o fue revocado).`;
    case 'IATI_NOTHING_TO_EXPORT':
      return $localize`:@@export.error.iatiNothing:Nada que publicar en IATI: cada acción necesita fecha de inicio y un tema u ODS.`;
    case 'VALIDATION_FAILED':
      return $localize`:@@export.error.validation:Los filtros de la lista no son válidos para exportar. Revisa los filtros.`;
    case 'DATABASE_UNAVAILABLE':
      return $localize`:@@export.error.unavailable:El servidor no está disponible por el momento. Vuelve a intentarlo en unos minutos.`;
    default:
      return error.message;
  }
}
