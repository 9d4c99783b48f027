import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError, Locale } from './errors';

type Template = (c: string) => string;

/** Per-constraint messages; `c` is class-validator's constraint text (e.g. a limit). */
const MESSAGES: Record<string, { es: Template; en: Template }> = {
  whitelistValidation: { es: () => 'Campo no permitido.', en: () => 'Unknown field.' },
  isDefined: { es: () => 'Campo obligatorio.', en: () => 'Required field.' },
  isNotEmpty: { es: () => 'No puede estar vacío.', en: () => 'Must not be empty.' },
  isString: { es: () => 'Debe ser texto.', en: () => 'Must be text.' },
  isInt: { es: () => 'Debe ser un número entero.', en: () => 'Must be an integer.' },
  isNumber: { es: () => 'Debe ser un número.', en: () => 'Must be a number.' },
  isBoolean: { es: () => 'Debe ser verdadero o falso.', en: () => 'Must be true or false.' },
  isEmail: { es: () => 'Debe ser un correo válido.', en: () => 'Must be a valid e-mail.' },
  isUuid: { es: () => 'Debe ser un identificador UUID.', en: () => 'Must be a UUID.' },
  isIn: { es: () => 'Valor no permitido.', en: () => 'Value not allowed.' },
  isEnum: { es: () => 'Valor no permitido.', en: () => 'Value not allowed.' },
  isArray: { es: () => 'Debe ser una lista.', en: () => 'Must be a list.' },
  isObject: { es: () => 'Debe ser un objeto.', en: () => 'Must be an object.' },
  isUrl: { es: () => 'Debe ser una URL válida.', en: () => 'Must be a valid URL.' },
  isISO8601: {
    es: () => 'Debe ser una fecha AAAA-MM-DD válida.',
    en: () => 'Must be a valid YYYY-MM-DD date.',
  },
  isDateString: {
    es: () => 'Debe ser una fecha AAAA-MM-DD válida.',
    en: () => 'Must be a valid YYYY-MM-DD date.',
  },
  isIso4217: {
    es: () => 'Debe ser un código de moneda ISO 4217 (p. ej. MXN, USD, EUR).',
    en: () => 'Must be an ISO 4217 currency code (e.g. MXN, USD, EUR).',
  },
  isIso31661Alpha2: {
    es: () => 'Debe ser un código de país ISO 3166-1 de dos letras.',
    en: () => 'Must be a two-letter ISO 3166-1 country code.',
  },
  isMoney: {
    es: () => 'Debe ser un importe decimal no negativo con hasta 2 decimales (p. ej. "1500.00").',
    en: () => 'Must be a non-negative decimal amount with up to 2 decimals (e.g. "1500.00").',
  },
  isDecimalValue: {
    es: () => 'Debe ser un número decimal.',
    en: () => 'Must be a decimal number.',
  },
  min: { es: (c) => `Debe ser al menos ${c}.`, en: (c) => `Must be at least ${c}.` },
  max: { es: (c) => `Debe ser como máximo ${c}.`, en: (c) => `Must be at most ${c}.` },
  minLength: {
    es: (c) => `Debe tener al menos ${c} caracteres.`,
    en: (c) => `Must have at least ${c} characters.`,
  },
  maxLength: {
    es: (c) => `Debe tener como máximo ${c} caracteres.`,
    en: (c) => `Must have at most ${c} characters.`,
  },
  arrayMaxSize: {
    es: (c) => `La lista admite como máximo ${c} elementos.`,
    en: (c) => `The list allows at most ${c} items.`,
  },
  arrayUnique: { es: () => 'La lista tiene repetidos.', en: () => 'The list has duplicates.' },
  matches: { es: () => 'Formato no válido.', en: () => 'Invalid format.' },
  notInFuture: {
    es: () => 'No puede ser una fecha futura.',
    en: () => 'Cannot be a future date.',
  },
  dateOrder: {
    es: (c) => `No puede ser anterior a ${c}.`,
    en: (c) => `Cannot be before ${c}.`,
  },
};

const LIMIT = /(\d+(?:\.\d+)?)|(\b[a-z][A-Za-z]+\b)$/;

function constraintMessage(code: string, text: string, locale: Locale): string {
  const m = MESSAGES[code];
  if (!m) return locale === 'es' ? 'Valor no válido.' : text;
  const arg = code === 'dateOrder' ? (text.split(' ').pop() ?? '') : (text.match(LIMIT)?.[1] ?? '');
  return m[locale](arg);
}

/** Flattens nested class-validator errors into `{ field, code, message }` with dotted paths. */
export function flattenValidationErrors(
  errors: ValidationError[],
  locale: Locale,
  prefix = '',
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    for (const [code, text] of Object.entries(error.constraints ?? {})) {
      out.push({ field, code, message: constraintMessage(code, text, locale) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, locale, field));
  }
  return out;
}

/**
 * The one global pipe: unknown fields rejected, types transformed, failures as VALIDATION_FAILED.
 * Messages are localised later by the exception filter (it knows the request's language), so the
 * pipe keeps the raw errors.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailed(errors),
    });
  }
}

export class ValidationFailed extends AppError {
  constructor(readonly errors: ValidationError[]) {
    super(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED');
  }
}
