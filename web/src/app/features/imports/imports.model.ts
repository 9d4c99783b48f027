import type { components } from '../../core/api/api-types';
import type { ApiError } from '../../core/api/api-error';

type Schemas = components['schemas'];
export type ImportPlan = Schemas['ImportPlanDto'];
export type ImportIssue = Schemas['ImportIssueDto'];
export type ImportLocation = Schemas['ImportLocationDto'];
export type PlannedRow = Schemas['PlannedRowDto'];
export type ImportActivity = Schemas['ImportActivityDto'];

/** IATI: the unit of all-or-nothing — the whole file, or each activity. */
export type Atomicity = 'file' | 'activity';
export const ATOMICITY_LABELS: Record<Atomicity, string> = {
  file: $localize`:@@imports.atomicity.file:Todo el archivo`,
  activity: $localize`:@@imports.atomicity.activity:Cada actividad`,
};

export const IMPORT_KINDS = ['workbook', 'csv', 'iati'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KIND_LABELS: Record<ImportKind, string> = {
  workbook: $localize`:@@imports.kind.workbook:Libro de Excel (XLSX) de la exportación`,
  csv: $localize`:@@imports.kind.csv:Tablas CSV de la exportación`,
  iati: $localize`:@@imports.kind.iati:Archivo IATI 2.03 (XML) de un donante`,
};

/** What the file picker accepts for each kind (and whether several files go at once). */
export const KIND_ACCEPT: Record<ImportKind, { accept: string; multiple: boolean }> = {
  workbook: {
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    multiple: false,
  },
  csv: { accept: '.csv,text/csv', multiple: true },
  iati: { accept: '.xml,application/xml,text/xml', multiple: false },
};

export const TABLE_LABELS: Record<string, string> = {
  organisations: $localize`:@@imports.table.organisations:Organizaciones`,
  actions: $localize`:@@imports.table.actions:Acciones`,
  participations: $localize`:@@imports.table.participations:Participaciones`,
  funding: $localize`:@@imports.table.funding:Recursos`,
  milestones: $localize`:@@imports.table.milestones:Hitos`,
  results: $localize`:@@imports.table.results:Resultados`,
  indicators: $localize`:@@imports.table.indicators:Indicadores`,
  document_links: $localize`:@@imports.table.documentLinks:Documentos`,
};
export const TABLE_ORDER = Object.keys(TABLE_LABELS);

export const OUTCOME_LABELS: Record<string, string> = {
  create: $localize`:@@imports.outcome.create:Se crea`,
  update: $localize`:@@imports.outcome.update:Se actualiza`,
  unchanged: $localize`:@@imports.outcome.unchanged:Sin cambios`,
  delete: $localize`:@@imports.outcome.delete:Se elimina`,
};

/**
 * The row problems of an import, by their stable code: every code the API declares has its text
 * (the compiler checks it against the API's types); the API's English message is the fallback for a
 * code from a newer server.
 */
const ISSUE_MESSAGES: Record<ImportIssue['code'], string> = {
  required: $localize`:@@imports.issue.required:Falta un valor obligatorio.`,
  invalid_value: $localize`:@@imports.issue.invalidValue:El valor no está entre los permitidos.`,
  invalid_code: $localize`:@@imports.issue.invalidCode:Código no válido (letras, dígitos, . _ -; de 2 a 60 caracteres).`,
  invalid_uuid: $localize`:@@imports.issue.invalidUuid:El identificador no es un UUID.`,
  invalid_date: $localize`:@@imports.issue.invalidDate:Fecha no válida (aaaa-mm-dd).`,
  invalid_datetime: $localize`:@@imports.issue.invalidDatetime:Fecha y hora no válidas (aaaa-mm-ddThh:mm:ssZ).`,
  invalid_amount: $localize`:@@imports.issue.invalidAmount:Monto no válido (número con hasta 2 decimales).`,
  negative_amount: $localize`:@@imports.issue.negativeAmount:Los montos no pueden ser negativos.`,
  invalid_number: $localize`:@@imports.issue.invalidNumber:Número no válido (hasta 6 decimales).`,
  invalid_currency: $localize`:@@imports.issue.invalidCurrency:Moneda no válida (código ISO 4217 como MXN, USD, EUR).`,
  invalid_sdg: $localize`:@@imports.issue.invalidSdg:ODS no válidos (números del 1 al 17 separados por «;», sin repetir).`,
  invalid_country: $localize`:@@imports.issue.invalidCountry:País no válido (código ISO de 2 letras como MX).`,
  too_long: $localize`:@@imports.issue.tooLong:El texto es demasiado largo.`,
  too_short: $localize`:@@imports.issue.tooShort:El texto es demasiado corto.`,
  too_many_items: $localize`:@@imports.issue.tooManyItems:La lista tiene demasiados elementos.`,
  nul_character: $localize`:@@imports.issue.nul:Contiene un carácter no permitido (NUL).`,
  extra_cells: $localize`:@@imports.issue.extraCells:La fila tiene más celdas que el encabezado.`,
  duplicate_key: $localize`:@@imports.issue.duplicate:El registro aparece más de una vez en el archivo.`,
  id_conflict: $localize`:@@imports.issue.idConflict:El identificador pertenece a otro registro.`,
  unknown_action: $localize`:@@imports.issue.unknownAction:No existe una acción con ese código en el archivo ni en Coopera.`,
  unknown_result: $localize`:@@imports.issue.unknownResult:No existe un resultado con ese identificador en el archivo ni en Coopera.`,
  organisation_conflict: $localize`:@@imports.issue.orgConflict:Otra fila da datos distintos para la misma organización.`,
  date_order: $localize`:@@imports.issue.dateOrder:La fecha de fin es anterior a la de inicio.`,
  amount_rounded: $localize`:@@imports.issue.amountRounded:El monto tenía más de dos decimales: se redondeó a centavos.`,
  indicator_text_value: $localize`:@@imports.issue.indicatorTextValue:El valor del indicador no es un número: se guarda como texto.`,
  missing_identifier: $localize`:@@imports.issue.missingIdentifier:La actividad no tiene identificador IATI: se importa con uno formado a partir de su organización informante, su título y su descripción (el mismo en cada importación).`,
  skipped_transaction: $localize`:@@imports.issue.skippedTransaction:Tipo de transacción sin equivalente: no se importa.`,
  skipped_role: $localize`:@@imports.issue.skippedRole:Rol de organización desconocido: no se importa.`,
  skipped_org: $localize`:@@imports.issue.skippedOrg:Organización sin nombre ni identificador: no se importa.`,
  skipped_document: $localize`:@@imports.issue.skippedDocument:Enlace a documento sin URL: no se importa.`,
};

export function issueMessage(issue: { code: string; message: string }): string {
  return (ISSUE_MESSAGES as Record<string, string | undefined>)[issue.code] ?? issue.message;
}

/** "archivo.csv · fila 12 · columna amount" or "donante.xml · iati-activity[2]/transaction[3]". */
export function locationText(l: ImportLocation): string {
  const parts: string[] = [l.file];
  if (l.sheet) parts.push($localize`:@@imports.loc.sheet:hoja ${l.sheet}:sheet:`);
  if (l.row) parts.push($localize`:@@imports.loc.row:fila ${l.row}:row:`);
  if (l.path) parts.push(l.path);
  if (l.column) parts.push($localize`:@@imports.loc.column:columna ${l.column}:column:`);
  return parts.join(' · ');
}

export interface TableCount {
  table: string;
  label: string;
  create: number;
  update: number;
  unchanged: number;
}

/** Per-table counts, only the tables the file touches, in a stable order. */
export function tableCounts(plan: ImportPlan): TableCount[] {
  const byTable = plan.byTable as unknown as Record<string, ImportPlan['counts']>;
  return TABLE_ORDER.map((table) => ({
    table,
    label: TABLE_LABELS[table],
    ...byTable[table],
  })).filter((c) => c.create + c.update + c.unchanged + c.delete > 0);
}

/** A file-level refusal (no plan): the message for its code, with the names the API gives. */
export function fileErrorText(error: ApiError): string {
  const d = (error.rawDetails ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '');
  const where = [d['file'], d['sheet']].filter(Boolean).join(' · ');
  const num = (v: unknown) => Number(v ?? 0).toLocaleString('es-MX');
  const mib = (v: unknown) => Math.round(Number(v ?? 0) / 1048576);
  switch (error.code) {
    case 'IMPORT_UNKNOWN_COLUMNS':
      return $localize`:@@imports.error.unknownColumns:${where}:where:: columnas que no son de la plantilla: ${list(d['columns'])}:columns:.`;
    case 'IMPORT_MISSING_COLUMNS':
      return $localize`:@@imports.error.missingColumns:${where}:where:: faltan las columnas obligatorias ${list(d['columns'])}:columns:.`;
    case 'IMPORT_DUPLICATE_COLUMNS':
      return $localize`:@@imports.error.duplicateColumns:${where}:where:: columnas repetidas: ${list(d['columns'])}:columns:.`;
    case 'IMPORT_UNKNOWN_SHEETS':
      return $localize`:@@imports.error.unknownSheets:${where}:where:: hojas que no son de la plantilla: ${list(d['sheets'])}:sheets:.`;
    case 'IMPORT_UNKNOWN_TABLE':
      return $localize`:@@imports.error.unknownTable:${where}:where:: el nombre del archivo debe indicar su tabla (actions.csv, participations.csv, funding.csv, milestones.csv, results.csv, indicators.csv).`;
    case 'IMPORT_TOO_LARGE':
      return $localize`:@@imports.error.tooLarge:El archivo excede el máximo de ${Math.round(Number(d['limitBytes'] ?? 0) / 1048576)}:mb: MB.`;
    case 'IMPORT_WRONG_FILE_TYPE':
      return $localize`:@@imports.error.wrongType:${where}:where:: el archivo no es del tipo elegido.`;
    case 'IMPORT_CORRUPT_FILE':
      return $localize`:@@imports.error.corrupt:${where}:where:: el archivo está dañado o no se puede leer.`;
    case 'IMPORT_ZIP_BOMB':
      return $localize`:@@imports.error.zipBomb:${where}:where:: el libro se expandiría a un tamaño excesivo; por seguridad no se leyó.`;
    case 'IMPORT_XML_DOCTYPE':
      return $localize`:@@imports.error.doctype:${where}:where:: el XML declara un DOCTYPE o entidades; por seguridad no se leyó.`;
    case 'IMPORT_TOO_LARGE_UNCOMPRESSED':
      return $localize`:@@imports.error.tooLargeUncompressed:${where}:where:: descomprimido excede el máximo de ${mib(d['limit'])}:mb: MB; divídelo en archivos más pequeños.`;
    case 'IMPORT_TOO_MANY_ROWS':
      return $localize`:@@imports.error.tooManyRows:${where}:where:: más de ${num(d['limit'])}:limit: filas, el máximo por tabla.`;
    case 'IMPORT_TOO_MANY_COLUMNS':
      return $localize`:@@imports.error.tooManyColumns:${where}:where:: la fila ${d['row'] ?? ''}:row: tiene valores más allá de la columna ${num(d['limit'])}:limit:.`;
    case 'IMPORT_CELL_TOO_LONG':
      return $localize`:@@imports.error.cellTooLong:${where}:where:: una celda de la fila ${d['row'] ?? ''}:row: excede ${num(d['limit'])}:limit: caracteres.`;
    case 'IMPORT_READ_OUT_OF_MEMORY':
      return $localize`:@@imports.error.outOfMemory:Leer el archivo requiere más de ${num(d['limit'])}:mb: MB de memoria; divídelo en archivos más pequeños.`;
    case 'IMPORT_READ_TIMEOUT':
      return $localize`:@@imports.error.readTimeout:Leer el archivo tomó más de ${Math.round(Number(d['limit'] ?? 0) / 1000)}:seconds: segundos; divídelo en archivos más pequeños.`;
    case 'IMPORT_BUSY':
      return $localize`:@@imports.error.busy:Hay otras importaciones en curso; vuelve a intentarlo en ${error.retryAfterSeconds ?? 10}:seconds: segundos.`;
    case 'IMPORT_NO_FILE':
      return $localize`:@@imports.error.noFile:Elige el archivo a importar (uno solo para libros e IATI).`;
    case 'RATE_LIMITED':
      return $localize`:@@imports.error.rateLimited:Demasiadas importaciones seguidas; espera ${error.retryAfterSeconds ?? 60}:seconds: segundos.`;
    default:
      return error.message;
  }
}

/** The skipped activities' problems, grouped by activity path in file order. */
export function skippedByActivity(
  plan: ImportPlan,
): { path: string; code: string | null; issues: ImportIssue[] }[] {
  const activities = plan.activities ?? [];
  return activities
    .filter((a) => a.skipped)
    .map((a) => ({
      path: a.path,
      code: a.code,
      issues: (plan.skipped ?? []).filter((i) => (i.location.path ?? '').split('/')[0] === a.path),
    }));
}

/** The plan carried by a refused real import (400 IMPORT_INVALID), if any. */
export function planOfError(error: ApiError): ImportPlan | null {
  if (error.code !== 'IMPORT_INVALID') return null;
  const d = error.rawDetails as ImportPlan | undefined;
  return d && Array.isArray(d.errors) ? d : null;
}
