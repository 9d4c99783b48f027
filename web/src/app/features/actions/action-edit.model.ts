import type { ActionDetail } from '../../core/api/models';
import {
  INSTITUTE_ROLE_LABELS,
  KIND_LABELS,
  labelOf,
  MODALITY_LABELS,
  SCHEME_LABELS,
  STATUS_LABELS,
} from '../../core/i18n/labels';
import { orNull } from '../../shared/forms';

/** Splits "a, b; c" into ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** SDG numbers 1–17 from "11, 13"; anything else makes it invalid (null). */
export function parseSdgs(text: string): number[] | null {
  const parts = splitList(text);
  if (!parts.every((p) => /^\d{1,2}$/.test(p) && Number(p) >= 1 && Number(p) <= 17)) return null;
  return [...new Set(parts.map(Number))];
}

/** The action form's value: every field as the form holds it (strings, lists as "a, b"). */
export interface ActionFormValue {
  code: string;
  kind: string;
  titleEs: string;
  titleEn: string;
  instituteRole: string;
  status: string;
  scheme: string;
  modality: string;
  summaryEs: string;
  objectives: string;
  themes: string;
  municipalities: string;
  sdgs: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  parentProgramme: string;
  unit: string;
  /** User id of the person responsible ('' = nobody). */
  responsibleId: string;
  notes: string;
}
export type ActionField = keyof ActionFormValue;

/** Field labels for the conflict panel (same texts and ids as the form's labels). */
export const ACTION_FIELD_LABELS: Record<ActionField, string> = {
  code: $localize`:@@action.field.code:Clave`,
  kind: $localize`:@@action.field.kind:Tipo de acción`,
  titleEs: $localize`:@@action.field.titleEs:Título (español)`,
  titleEn: $localize`:@@action.field.titleEn:Título (inglés)`,
  instituteRole: $localize`:@@action.field.instituteRole:Papel del instituto`,
  status: $localize`:@@action.field.status:Estatus`,
  scheme: $localize`:@@action.field.scheme:Esquema`,
  modality: $localize`:@@action.field.modality:Modalidad`,
  summaryEs: $localize`:@@action.field.summaryEs:Resumen`,
  objectives: $localize`:@@action.field.objectives:Objetivos`,
  themes: $localize`:@@themes.picker.label:Temas`,
  municipalities: $localize`:@@action.field.municipalities:Municipios (separados por comas)`,
  sdgs: $localize`:@@action.field.sdgs:ODS (p. ej. 11, 13)`,
  plannedStart: $localize`:@@action.field.plannedStart:Inicio programado`,
  plannedEnd: $localize`:@@action.field.plannedEnd:Fin programado`,
  actualStart: $localize`:@@action.field.actualStart:Inicio real`,
  actualEnd: $localize`:@@action.field.actualEnd:Fin real`,
  parentProgramme: $localize`:@@action.field.parentProgramme:Programa`,
  unit: $localize`:@@action.field.unit:Unidad responsable`,
  responsibleId: $localize`:@@action.field.responsible:Persona responsable`,
  notes: $localize`:@@action.field.notes:Notas internas`,
};

export const ACTION_FIELDS = Object.keys(ACTION_FIELD_LABELS) as ActionField[];

/** An action as the form shows it. */
export function toFormValue(a: ActionDetail): ActionFormValue {
  return {
    code: a.code,
    kind: a.kind,
    titleEs: a.titleEs,
    titleEn: a.titleEn ?? '',
    instituteRole: a.instituteRole,
    status: a.status ?? '',
    scheme: a.scheme ?? '',
    modality: a.modality ?? '',
    summaryEs: a.summaryEs ?? '',
    objectives: a.objectives ?? '',
    themes: a.themes.join(', '),
    municipalities: a.municipalities.join(', '),
    sdgs: a.sdgs.join(', '),
    plannedStart: a.plannedStart ?? '',
    plannedEnd: a.plannedEnd ?? '',
    actualStart: a.actualStart ?? '',
    actualEnd: a.actualEnd ?? '',
    parentProgramme: a.parentProgramme ?? '',
    unit: a.unit ?? '',
    responsibleId: a.responsible?.id ?? '',
    notes: a.notes ?? '',
  };
}

/** Lists compare by their items ("a,b" = "a, b"), text by its trimmed value. */
function normalise(field: ActionField, value: string | undefined): string {
  const v = (value ?? '').trim();
  if (field === 'themes' || field === 'municipalities' || field === 'sdgs') {
    return v
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join('\u0000');
  }
  return v;
}

export function sameValue(field: ActionField, a: string | undefined, b: string | undefined) {
  return normalise(field, a) === normalise(field, b);
}

/** The fields the user changed from what they started with. */
export function changedByUser(
  base: Partial<ActionFormValue>,
  mine: Partial<ActionFormValue>,
): ActionField[] {
  return ACTION_FIELDS.filter((f) => !sameValue(f, base[f], mine[f]));
}

export interface ConflictRow {
  field: ActionField;
  label: string;
  /** What the user started from. */
  base: string;
  /** The user's edit. */
  mine: string;
  /** What is saved now (details.current). */
  current: string;
  changedByMe: boolean;
  changedByOthers: boolean;
  /** Both changed the field to different values: reapplying overwrites the other change. */
  clash: boolean;
}

/** Names for what the form holds as ids: theme codes and the responsible person's user id. */
export interface ConflictNames {
  theme(code: string): string;
  person(id: string): string;
}

const CODED_FIELDS: Partial<Record<ActionField, Record<string, string>>> = {
  kind: KIND_LABELS,
  status: STATUS_LABELS,
  instituteRole: INSTITUTE_ROLE_LABELS,
  scheme: SCHEME_LABELS,
  modality: MODALITY_LABELS,
};

/** A form value as a person reads it: labels for codes, theme names, the responsible's name. */
export function readableValue(field: ActionField, value: string, names?: ConflictNames): string {
  if (!value.trim()) return '';
  const labels = CODED_FIELDS[field];
  if (labels) return labelOf(labels, value);
  if (!names) return value;
  if (field === 'themes') return splitList(value).map(names.theme).join(', ');
  return field === 'responsibleId' ? names.person(value) : value;
}

/**
 * The three-way comparison behind the conflict panel: every field that the user or someone else
 * changed since the user loaded the action, with the three values as a person reads them.
 */
export function conflictRows(
  base: ActionFormValue,
  mine: ActionFormValue,
  current: ActionFormValue,
  names?: ConflictNames,
): ConflictRow[] {
  return ACTION_FIELDS.flatMap((field) => {
    const changedByMe = !sameValue(field, base[field], mine[field]);
    const changedByOthers = !sameValue(field, base[field], current[field]);
    if (!changedByMe && !changedByOthers) return [];
    return [
      {
        field,
        label: ACTION_FIELD_LABELS[field],
        base: readableValue(field, base[field], names),
        mine: readableValue(field, mine[field], names),
        current: readableValue(field, current[field], names),
        changedByMe,
        changedByOthers,
        clash: changedByMe && changedByOthers && !sameValue(field, mine[field], current[field]),
      },
    ];
  });
}

/** Fields the API lets you clear with null on PATCH. */
const NULLABLE_TEXT: readonly ActionField[] = [
  'titleEn',
  'summaryEs',
  'objectives',
  'status',
  'scheme',
  'modality',
  'plannedStart',
  'plannedEnd',
  'actualStart',
  'actualEnd',
  'parentProgramme',
  'unit',
  'responsibleId',
  'notes',
];

/** The PATCH body for the given fields of a form value (empty optional fields become null). */
export function patchBody(value: ActionFormValue, fields: readonly ActionField[]) {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const v = value[field];
    if (field === 'themes' || field === 'municipalities') body[field] = splitList(v);
    else if (field === 'sdgs') body[field] = parseSdgs(v) ?? [];
    else if (NULLABLE_TEXT.includes(field)) body[field] = orNull(v);
    else body[field] = v.trim();
  }
  return body;
}
