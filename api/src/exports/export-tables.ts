import { labelOf, type Label, type Lang, type VocabularyGroup } from '../common/vocabulary';
import type { ThemeLabels } from '../themes/themes.service';
import type { CellKind } from './csv';

export const EXPORT_TABLES = [
  'actions',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export type ColumnKind = CellKind | 'money';

export interface ExportColumn {
  header: string;
  /** SQL expression (aliases: a = actions, o = organisations, …). */
  sql: string;
  kind: ColumnKind;
  /** Internal fields (notes) never leave the API for partners. */
  internal?: boolean;
  /** Column width in the workbook (characters). */
  width?: number;
  /** Coded values: labelled from the vocabulary in the people's version ('theme': slugs). */
  vocab?: VocabularyGroup | 'theme';
}

export interface ExportTableDef {
  /** FROM clause; the actions of the filter are always aliased `a`. */
  from: string;
  /** Keyset column (unique): batches are `key > last ORDER BY key`. */
  key: string;
  keyCast: string;
  columns: ExportColumn[];
}

const date = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;
const datetime = (expr: string) =>
  `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const list = (expr: string) => `array_to_string(${expr}, '; ')`;

const text = (header: string, sql: string, width = 20): ExportColumn => ({
  header,
  sql,
  kind: 'text',
  width,
});
const day = (header: string, sql: string): ExportColumn => ({
  header,
  sql: date(sql),
  kind: 'date',
  width: 12,
});

const id = (header: string, alias: string) => text(header, `${alias}.id::text`, 36);

/**
 * A table of an action's parts aliased `alias`, in keyset order of its uuid: the action's code
 * first, then its columns, then the ids (those of `ids`, then its own).
 */
const partTable = (
  from: string,
  alias: string,
  columns: ExportColumn[],
  ids: [header: string, alias: string][] = [['action_id', 'a']],
): ExportTableDef => ({
  from,
  key: `${alias}.id`,
  keyCast: 'uuid',
  columns: [
    text('action_code', 'a.code', 28),
    ...columns,
    ...ids.map(([header, of]) => id(header, of)),
    id('id', alias),
  ],
});

/** An indicator's value and its date (baseline, target, actual). */
const measured = (name: string): ExportColumn[] => [
  { header: name, sql: `n.${name}::text`, kind: 'number', width: 12 },
  day(`${name}_date`, `n.${name}_date`),
];

/**
 * The six tables of the partner-facing exports (CSV and workbook sheets). Rows of every table
 * belong to the actions of the filter (`actionConditions`, which scopes partners to their
 * organisation's actions in the query itself).
 */
export const TABLES: Record<ExportTable, ExportTableDef> = {
  actions: {
    from: 'actions a LEFT JOIN organisations i ON i.id = a.institute_id',
    key: 'a.code',
    keyCast: 'text',
    columns: [
      text('code', 'a.code', 28),
      { ...text('kind', 'a.kind', 18), vocab: 'kind' },
      text('title_es', 'a.title_es', 50),
      text('title_en', 'a.title_en', 40),
      text('summary_es', 'a.summary_es', 60),
      text('summary_en', 'a.summary_en', 40),
      text('objectives', 'a.objectives', 40),
      text('institute', 'i.name', 30),
      { ...text('institute_role', 'a.institute_role', 14), vocab: 'instituteRole' },
      { ...text('scheme', 'a.scheme', 14), vocab: 'scheme' },
      { ...text('modality', 'a.modality', 14), vocab: 'modality' },
      { ...text('status', 'a.status', 14), vocab: 'status' },
      { ...text('themes', list('a.themes'), 30), vocab: 'theme' },
      text('unit', 'a.unit', 24),
      text('municipalities', list('a.municipalities'), 24),
      text('sdgs', list('a.sdgs'), 10),
      text('plan_alignment', list('a.plan_alignment'), 20),
      day('planned_start', 'a.planned_start'),
      day('planned_end', 'a.planned_end'),
      day('actual_start', 'a.actual_start'),
      text('actual_start_precision', 'a.actual_start_precision', 8),
      day('actual_end', 'a.actual_end'),
      text('actual_end_precision', 'a.actual_end_precision', 8),
      text('parent_programme', 'a.parent_programme', 24),
      text('source', 'a.source', 30),
      { header: 'archived_at', sql: datetime('a.archived_at'), kind: 'datetime', width: 20 },
      { header: 'updated_at', sql: datetime('a.updated_at'), kind: 'datetime', width: 20 },
      { ...text('notes', 'a.notes', 40), internal: true },
      id('id', 'a'),
    ],
  },
  participations: partTable(
    'participations p JOIN actions a ON a.id = p.action_id JOIN organisations o ON o.id = p.organisation_id',
    'p',
    [
      text('organisation', 'o.name', 40),
      text('organisation_acronym', 'o.acronym', 14),
      { ...text('organisation_type', 'o.type', 20), vocab: 'organisationType' },
      text('organisation_country', 'o.country', 8),
      { ...text('role', 'p.role', 14), vocab: 'participationRole' },
      { ...text('notes', 'p.notes', 40), internal: true },
    ],
    [
      ['action_id', 'a'],
      ['organisation_id', 'o'],
    ],
  ),
  funding: partTable(
    `funding f JOIN actions a ON a.id = f.action_id
      LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id`,
    'f',
    [
      { ...text('type', 'f.type', 14), vocab: 'fundingType' },
      { header: 'amount', sql: 'f.amount::text', kind: 'money', width: 18 },
      text('currency', 'f.currency', 8),
      day('value_date', 'f.value_date'),
      text('value_date_precision', 'f.value_date_precision', 8),
      text('provider', 'pr.name', 30),
      text('receiver', 'rc.name', 30),
      text('description', 'f.description', 50),
    ],
  ),
  milestones: partTable('milestones m JOIN actions a ON a.id = m.action_id', 'm', [
    { ...text('type', 'm.type', 16), vocab: 'milestoneType' },
    text('title', 'm.title', 50),
    day('planned_date', 'm.planned_date'),
    day('actual_date', 'm.actual_date'),
    text('date_precision', 'm.date_precision', 8),
    {
      ...text(
        'status',
        `CASE WHEN m.actual_date IS NOT NULL THEN 'done' WHEN m.planned_date < current_date THEN 'late' ELSE 'planned' END`,
        10,
      ),
      vocab: 'milestoneStatus',
    },
    { ...text('notes', 'm.notes', 40), internal: true },
  ]),
  results: partTable('results r JOIN actions a ON a.id = r.action_id', 'r', [
    text('statement', 'r.statement', 70),
  ]),
  indicators: partTable(
    'indicators n JOIN results r ON r.id = n.result_id JOIN actions a ON a.id = r.action_id',
    'n',
    [
      text('name', 'n.name', 40),
      text('unit', 'n.unit', 14),
      ...measured('baseline'),
      ...measured('target'),
      ...measured('actual'),
      { ...text('notes', 'n.notes', 40), internal: true },
    ],
    [
      ['result_id', 'r'],
      ['action_id', 'a'],
    ],
  ),
};

/** The columns a user may receive: partners never get internal fields. */
export function visibleColumns(table: ExportTable, partner: boolean): ExportColumn[] {
  return TABLES[table].columns.filter((c) => !(partner && c.internal));
}

/** The sheets of the people's workbook. */
export const TABLE_LABELS: Record<ExportTable, Label> = {
  actions: { es: 'Acciones', en: 'Actions' },
  participations: { es: 'Socios', en: 'Partners' },
  funding: { es: 'Financiamiento', en: 'Funding' },
  milestones: { es: 'Hitos', en: 'Milestones' },
  results: { es: 'Resultados', en: 'Results' },
  indicators: { es: 'Indicadores', en: 'Indicators' },
};

/**
 * The headers of the people's version (the machine headers stay in the import template, which
 * is what the importer reads). Every machine header has a label: export-tables.spec.ts checks it.
 */
export const HEADER_LABELS: Record<string, Label> = {
  code: { es: 'Clave', en: 'Code' },
  kind: { es: 'Tipo', en: 'Kind' },
  title_es: { es: 'Título (español)', en: 'Title (Spanish)' },
  title_en: { es: 'Título (inglés)', en: 'Title (English)' },
  summary_es: { es: 'Resumen (español)', en: 'Summary (Spanish)' },
  summary_en: { es: 'Resumen (inglés)', en: 'Summary (English)' },
  objectives: { es: 'Objetivos', en: 'Objectives' },
  institute: { es: 'Instituto', en: 'Institute' },
  institute_role: { es: 'Papel del instituto', en: 'Institute role' },
  scheme: { es: 'Esquema', en: 'Scheme' },
  modality: { es: 'Modalidad', en: 'Modality' },
  status: { es: 'Estatus', en: 'Status' },
  themes: { es: 'Temas', en: 'Themes' },
  unit: { es: 'Unidad responsable', en: 'Responsible unit' },
  municipalities: { es: 'Municipios', en: 'Municipalities' },
  sdgs: { es: 'ODS', en: 'SDGs' },
  plan_alignment: { es: 'Alineación con planes', en: 'Plan alignment' },
  planned_start: { es: 'Inicio previsto', en: 'Planned start' },
  planned_end: { es: 'Fin previsto', en: 'Planned end' },
  actual_start: { es: 'Inicio real', en: 'Actual start' },
  actual_start_precision: { es: 'Precisión del inicio', en: 'Start precision' },
  actual_end: { es: 'Fin real', en: 'Actual end' },
  actual_end_precision: { es: 'Precisión del fin', en: 'End precision' },
  parent_programme: { es: 'Programa', en: 'Programme' },
  source: { es: 'Fuente', en: 'Source' },
  archived_at: { es: 'Archivada el', en: 'Archived on' },
  updated_at: { es: 'Actualizada el', en: 'Updated on' },
  notes: { es: 'Notas', en: 'Notes' },
  id: { es: 'Id', en: 'Id' },
  action_code: { es: 'Clave de la acción', en: 'Action code' },
  organisation: { es: 'Organización', en: 'Organisation' },
  organisation_acronym: { es: 'Siglas', en: 'Acronym' },
  organisation_type: { es: 'Tipo de organización', en: 'Organisation type' },
  organisation_country: { es: 'País', en: 'Country' },
  role: { es: 'Papel', en: 'Role' },
  action_id: { es: 'Id de la acción', en: 'Action id' },
  organisation_id: { es: 'Id de la organización', en: 'Organisation id' },
  type: { es: 'Tipo', en: 'Type' },
  amount: { es: 'Monto', en: 'Amount' },
  currency: { es: 'Moneda', en: 'Currency' },
  value_date: { es: 'Fecha', en: 'Date' },
  value_date_precision: { es: 'Precisión de la fecha', en: 'Date precision' },
  provider: { es: 'Aportante', en: 'Provider' },
  receiver: { es: 'Receptor', en: 'Receiver' },
  description: { es: 'Descripción', en: 'Description' },
  title: { es: 'Título', en: 'Title' },
  planned_date: { es: 'Fecha prevista', en: 'Planned date' },
  actual_date: { es: 'Fecha real', en: 'Actual date' },
  date_precision: { es: 'Precisión de la fecha', en: 'Date precision' },
  statement: { es: 'Resultado', en: 'Result' },
  name: { es: 'Indicador', en: 'Indicator' },
  baseline: { es: 'Línea base', en: 'Baseline' },
  baseline_date: { es: 'Fecha de la línea base', en: 'Baseline date' },
  target: { es: 'Meta', en: 'Target' },
  target_date: { es: 'Fecha de la meta', en: 'Target date' },
  actual: { es: 'Logro', en: 'Actual' },
  result_id: { es: 'Id del resultado', en: 'Result id' },
};

/** A cell as read from the database (text; null when empty). */
export type Cell = string | null;

/**
 * How a table is written: the import template keeps the machine headers and codes the importer
 * reads (`lang` null); the people's version labels headers, sheets and coded values in `lang`.
 */
export function presentation(
  columns: ExportColumn[],
  lang: Lang | null,
  themes: ThemeLabels | null = null,
) {
  const header = (c: ExportColumn) =>
    lang ? (HEADER_LABELS[c.header]?.[lang] ?? c.header) : c.header;
  const value = (c: ExportColumn, v: Cell): Cell => {
    if (!lang || v === null || !c.vocab) return v;
    if (c.vocab === 'theme')
      return v
        .split('; ')
        .map((code) => (themes ? themes.label(code, lang) : code))
        .join('; ');
    return labelOf(c.vocab, v, lang);
  };
  return {
    headers: columns.map(header),
    row: (values: Cell[]) => values.map((v, i) => value(columns[i], v)),
  };
}
