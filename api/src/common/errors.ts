import { HttpStatus } from '@nestjs/common';

export type Locale = 'es' | 'en';

/** Every error code the API can answer with, and its message in each language. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    es: 'Los datos enviados no son válidos.',
    en: 'The data sent is not valid.',
  },
  BAD_REQUEST: { es: 'La solicitud no es válida.', en: 'The request is not valid.' },
  MALFORMED_JSON: {
    es: 'El cuerpo de la solicitud no es JSON válido.',
    en: 'The request body is not valid JSON.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    es: 'Tipo de contenido no admitido.',
    en: 'Unsupported content type.',
  },
  PAYLOAD_TOO_LARGE: {
    es: 'La solicitud excede el tamaño permitido.',
    en: 'The request exceeds the allowed size.',
  },
  ROUTE_NOT_FOUND: { es: 'La ruta no existe.', en: 'The route does not exist.' },
  NOT_FOUND: { es: 'El registro no existe.', en: 'The record does not exist.' },
  UNAUTHENTICATED: {
    es: 'Inicia sesión para continuar.',
    en: 'Sign in to continue.',
  },
  INVALID_CREDENTIALS: {
    es: 'Correo o contraseña incorrectos.',
    en: 'Wrong e-mail or password.',
  },
  FORBIDDEN: {
    es: 'Tu rol no permite esta operación.',
    en: 'Your role does not allow this operation.',
  },
  CSRF_TOKEN_INVALID: {
    es: 'La sesión no pudo verificarse; recarga la página.',
    en: 'The session could not be verified; reload the page.',
  },
  CROSS_SITE_REQUEST: {
    es: 'La solicitud viene de otro sitio y no se acepta.',
    en: 'The request comes from another site and is not accepted.',
  },
  NESTING_TOO_DEEP: {
    es: 'El contenido está anidado a demasiada profundidad.',
    en: 'The content is nested too deeply.',
  },
  HEADERS_TOO_LARGE: {
    es: 'Los encabezados de la solicitud son demasiado grandes.',
    en: 'The request headers are too large.',
  },
  METHOD_NOT_ALLOWED: {
    es: 'El método HTTP no se admite en esta ruta.',
    en: 'The HTTP method is not allowed on this route.',
  },
  REQUEST_TIMEOUT: {
    es: 'La solicitud tardó demasiado en llegar.',
    en: 'The request took too long to arrive.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    es: 'Debes cambiar tu contraseña temporal antes de continuar.',
    en: 'You must change your temporary password before continuing.',
  },
  RATE_LIMITED: {
    es: 'Demasiados intentos; espera antes de volver a intentar.',
    en: 'Too many attempts; wait before trying again.',
  },
  VERSION_REQUIRED: {
    es: 'Falta la versión del registro (campo version o encabezado If-Match).',
    en: 'The record version is missing (version field or If-Match header).',
  },
  VERSION_CONFLICT: {
    es: 'Otra persona modificó este registro; revisa los cambios y vuelve a aplicarlos.',
    en: 'Someone else changed this record; review the changes and reapply yours.',
  },
  CONFLICT: {
    es: 'El registro entra en conflicto con uno existente.',
    en: 'The record conflicts with an existing one.',
  },
  CONSTRAINT_VIOLATION: {
    es: 'Los datos violan una regla de integridad.',
    en: 'The data breaks an integrity rule.',
  },
  DATABASE_UNAVAILABLE: {
    es: 'La base de datos no está disponible; intenta de nuevo en unos segundos.',
    en: 'The database is unavailable; try again in a few seconds.',
  },
  INTERNAL_ERROR: {
    es: 'Ocurrió un error inesperado.',
    en: 'An unexpected error occurred.',
  },
  USER_EMAIL_TAKEN: {
    es: 'Ya existe un usuario con ese correo.',
    en: 'A user with that e-mail already exists.',
  },
  USER_NOT_FOUND: { es: 'El usuario no existe.', en: 'The user does not exist.' },
  LAST_ADMIN: {
    es: 'No se puede desactivar ni degradar al último administrador activo.',
    en: 'The last active administrator cannot be deactivated or demoted.',
  },
  OWN_ROLE_CHANGE: {
    es: 'No puedes cambiar tu propio rol ni desactivarte.',
    en: 'You cannot change your own role or deactivate yourself.',
  },
  PARTNER_ORGANISATION_REQUIRED: {
    es: 'Un usuario socio debe estar vinculado a una organización.',
    en: 'A partner user must be linked to an organisation.',
  },
  WRONG_PASSWORD: {
    es: 'La contraseña actual no es correcta.',
    en: 'The current password is not correct.',
  },
  ACTION_NOT_FOUND: { es: 'La acción no existe.', en: 'The action does not exist.' },
  ACTION_CODE_TAKEN: {
    es: 'Ya existe una acción con ese código.',
    en: 'An action with that code already exists.',
  },
  ACTION_ARCHIVED: {
    es: 'La acción está archivada; restáurala para modificarla.',
    en: 'The action is archived; restore it to change it.',
  },
  ORGANISATION_NOT_FOUND: {
    es: 'La organización no existe.',
    en: 'The organisation does not exist.',
  },
  ORGANISATION_DUPLICATE: {
    es: 'Ya existe una organización con ese nombre o esa referencia IATI; usa la existente.',
    en: 'An organisation with that name or IATI reference already exists; use it instead.',
  },
  THEME_NOT_FOUND: { es: 'El tema no existe.', en: 'The theme does not exist.' },
  THEME_DUPLICATE: {
    es: 'Ya existe un tema con ese nombre (sin importar mayúsculas ni acentos); usa el existente.',
    en: 'A theme with that name already exists (ignoring case and accents); use it instead.',
  },
  ORGANISATION_IN_USE: {
    es: 'La organización participa en acciones o registros financieros y no puede eliminarse.',
    en: 'The organisation takes part in actions or money records and cannot be deleted.',
  },
  PARTICIPATION_EXISTS: {
    es: 'La organización ya participa en esta acción con ese rol.',
    en: 'The organisation already takes part in this action in that role.',
  },
  RECORD_NOT_FOUND: { es: 'El registro no existe.', en: 'The record does not exist.' },
  EXCHANGE_RATE_NOT_FOUND: {
    es: 'El tipo de cambio no existe.',
    en: 'The exchange rate does not exist.',
  },
  IMPORT_INVALID: {
    es: 'El archivo contiene errores; no se importó nada.',
    en: 'The file has errors; nothing was imported.',
  },
  IATI_NOTHING_TO_EXPORT: {
    es: 'Ninguna acción del filtro puede publicarse en IATI (cada una necesita fecha de inicio y un tema u ODS).',
    en: 'No action of the filter can be published in IATI (each needs a start date and a theme or SDG).',
  },
  STAGE_EXISTS: {
    es: 'La acción ya registra esa etapa.',
    en: 'The action already records that stage.',
  },
  BOARD_SESSION_NOT_FOUND: {
    es: 'La sesión de la junta no existe.',
    en: 'The board session does not exist.',
  },
  BOARD_SESSION_EXISTS: {
    es: 'Ya existe una sesión con ese número, tipo y año para el instituto.',
    en: 'The institute already has a session with that number, kind and year.',
  },
  BOARD_SESSION_IN_USE: {
    es: 'La sesión tiene acuerdos registrados y no puede eliminarse.',
    en: 'The session has agreements recorded and cannot be deleted.',
  },
  BOARD_AGREEMENT_NOT_FOUND: {
    es: 'El acuerdo no existe.',
    en: 'The agreement does not exist.',
  },
  BOARD_AGREEMENT_EXISTS: {
    es: 'El instituto ya tiene un acuerdo con ese código.',
    en: 'The institute already has an agreement with that code.',
  },
  SHARE_LINK_NOT_FOUND: {
    es: 'El enlace no existe, caducó o fue revocado.',
    en: 'The link does not exist, has expired or was revoked.',
  },
  NOTIFICATION_NOT_FOUND: {
    es: 'Alguna notificación no existe o ya no está vigente; actualiza la lista.',
    en: 'Some notification does not exist or is no longer current; refresh the list.',
  },
  MAIL_NOT_CONFIGURED: {
    es: 'El envío de correo no está configurado (SMTP_URL).',
    en: 'Outgoing mail is not configured (SMTP_URL).',
  },
  EVIDENCE_NOT_FOUND: {
    es: 'El archivo de evidencia no existe.',
    en: 'The evidence file does not exist.',
  },
  EVIDENCE_FILE_REQUIRED: {
    es: 'Adjunta al menos un archivo (no vacío) en el campo file.',
    en: 'Attach at least one (non-empty) file in the file field.',
  },
  EVIDENCE_TOO_LARGE: {
    es: 'El archivo excede el tamaño máximo permitido; no se guardó nada.',
    en: 'The file exceeds the maximum allowed size; nothing was saved.',
  },
  EVIDENCE_TOO_MANY_FILES: {
    es: 'Demasiados archivos en una sola carga; no se guardó nada.',
    en: 'Too many files in one upload; nothing was saved.',
  },
  EVIDENCE_TYPE_NOT_ALLOWED: {
    es: 'Tipo de archivo no admitido: sube PDF, imágenes (PNG, JPEG, WebP, GIF) o documentos de Office/OpenDocument.',
    en: 'File type not allowed: upload PDF, images (PNG, JPEG, WebP, GIF) or Office/OpenDocument documents.',
  },
  EVIDENCE_TYPE_MISMATCH: {
    es: 'El contenido del archivo no corresponde a su nombre o tipo declarado; no se guardó nada.',
    en: 'The file content does not match its name or declared type; nothing was saved.',
  },
  IMPORT_NO_FILE: {
    es: 'Adjunta el archivo a importar.',
    en: 'Attach the file to import.',
  },
  IMPORT_TOO_LARGE: {
    es: 'El archivo excede el tamaño máximo de importación.',
    en: 'The file exceeds the maximum import size.',
  },
  IMPORT_WRONG_FILE_TYPE: {
    es: 'El archivo no es del tipo esperado (libro XLSX, CSV o XML de IATI).',
    en: 'The file is not of the expected type (XLSX workbook, CSV or IATI XML).',
  },
  IMPORT_CORRUPT_FILE: {
    es: 'El archivo está dañado o no se puede leer.',
    en: 'The file is damaged or cannot be read.',
  },
  IMPORT_ZIP_BOMB: {
    es: 'El libro se expandiría a un tamaño excesivo; no se leyó.',
    en: 'The workbook would expand to an excessive size; it was not read.',
  },
  IMPORT_XML_DOCTYPE: {
    es: 'El XML declara un DOCTYPE o entidades; por seguridad no se lee.',
    en: 'The XML declares a DOCTYPE or entities; for safety it is not read.',
  },
  IMPORT_UNKNOWN_COLUMNS: {
    es: 'El archivo tiene columnas que no forman parte de la plantilla.',
    en: 'The file has columns that are not part of the template.',
  },
  IMPORT_MISSING_COLUMNS: {
    es: 'Faltan columnas obligatorias de la plantilla.',
    en: 'Required columns of the template are missing.',
  },
  IMPORT_DUPLICATE_COLUMNS: {
    es: 'Una columna aparece más de una vez.',
    en: 'A column appears more than once.',
  },
  IMPORT_UNKNOWN_SHEETS: {
    es: 'El libro tiene hojas que no forman parte de la plantilla.',
    en: 'The workbook has sheets that are not part of the template.',
  },
  IMPORT_UNKNOWN_TABLE: {
    es: 'No se reconoce la tabla del CSV por su nombre (actions.csv, funding.csv…).',
    en: 'The CSV table is not recognised by its name (actions.csv, funding.csv…).',
  },
  IMPORT_TOO_LARGE_UNCOMPRESSED: {
    es: 'El contenido del archivo, ya descomprimido, excede el máximo permitido; no se leyó.',
    en: 'The content of the file, once uncompressed, exceeds the allowed maximum; it was not read.',
  },
  IMPORT_TOO_MANY_ROWS: {
    es: 'Una tabla del archivo tiene más filas de las permitidas; no se importó nada.',
    en: 'A table of the file has more rows than allowed; nothing was imported.',
  },
  IMPORT_TOO_MANY_COLUMNS: {
    es: 'Una tabla del archivo tiene más columnas de las permitidas; no se importó nada.',
    en: 'A table of the file has more columns than allowed; nothing was imported.',
  },
  IMPORT_CELL_TOO_LONG: {
    es: 'Una celda del archivo excede la longitud máxima; no se importó nada.',
    en: 'A cell of the file exceeds the maximum length; nothing was imported.',
  },
  IMPORT_READ_OUT_OF_MEMORY: {
    es: 'Leer el archivo requiere más memoria de la permitida; divídelo en archivos más pequeños.',
    en: 'Reading the file needs more memory than allowed; split it into smaller files.',
  },
  IMPORT_READ_TIMEOUT: {
    es: 'Leer el archivo tomó más tiempo del permitido; divídelo en archivos más pequeños.',
    en: 'Reading the file took longer than allowed; split it into smaller files.',
  },
  IMPORT_BUSY: {
    es: 'Hay otras importaciones en curso; vuelve a intentarlo en unos segundos.',
    en: 'Other imports are running; try again in a few seconds.',
  },
  UPLOAD_TOO_MANY_FIELDS: {
    es: 'La carga trae demasiados campos de formulario; no se guardó nada.',
    en: 'The upload carries too many form fields; nothing was saved.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An expected failure: HTTP status, stable code, optional per-field details and headers. */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    readonly details?: FieldError[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(ERROR_MESSAGES[code].en);
  }

  static notFound(code: ErrorCode = 'NOT_FOUND'): AppError {
    return new AppError(HttpStatus.NOT_FOUND, code);
  }
}

export function localeOf(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!header) return 'es';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}

export function messageFor(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
