import type { HistoryEntry } from '../../core/api/models';
import {
  FUNDING_TYPE_LABELS,
  INSTITUTE_ROLE_LABELS,
  INSTRUMENT_TYPE_LABELS,
  KIND_LABELS,
  MILESTONE_STATUS_LABELS,
  MILESTONE_TYPE_LABELS,
  MODALITY_LABELS,
  PARTICIPATION_ROLE_LABELS,
  SCHEME_LABELS,
  STATUS_LABELS,
} from '../../core/i18n/labels';
import { changedFields } from './action-detail.model';

/** One changed field, labelled, with its values as people read them. */
export interface HistoryChange {
  field: string;
  before: string;
  after: string;
}

/** An audit entry as a sentence: who, when (Mexico City), what, and the before → after of each field. */
export interface HistoryLine {
  id: string;
  who: string;
  when: string;
  what: string;
  changes: HistoryChange[];
}

const FIELD_LABELS: Record<string, string> = {
  code: $localize`:@@history.field.code:Clave`,
  kind: $localize`:@@history.field.kind:Tipo de acción`,
  titleEs: $localize`:@@history.field.titleEs:Título (es)`,
  titleEn: $localize`:@@history.field.titleEn:Título (en)`,
  summaryEs: $localize`:@@history.field.summaryEs:Resumen (es)`,
  summaryEn: $localize`:@@history.field.summaryEn:Resumen (en)`,
  objectives: $localize`:@@history.field.objectives:Objetivos`,
  instituteRole: $localize`:@@history.field.instituteRole:Papel del instituto`,
  scheme: $localize`:@@history.field.scheme:Esquema`,
  modality: $localize`:@@history.field.modality:Modalidad`,
  status: $localize`:@@history.field.status:Estado`,
  themes: $localize`:@@history.field.themes:Temas`,
  plannedStart: $localize`:@@history.field.plannedStart:Inicio previsto`,
  plannedEnd: $localize`:@@history.field.plannedEnd:Fin previsto`,
  actualStart: $localize`:@@history.field.actualStart:Inicio real`,
  actualEnd: $localize`:@@history.field.actualEnd:Fin real`,
  responsibleId: $localize`:@@history.field.responsible:Responsable`,
  notes: $localize`:@@history.field.notes:Notas`,
  amount: $localize`:@@history.field.amount:Monto`,
  currency: $localize`:@@history.field.currency:Moneda`,
  description: $localize`:@@history.field.description:Descripción`,
  title: $localize`:@@history.field.title:Título`,
  name: $localize`:@@history.field.name:Nombre`,
  plannedDate: $localize`:@@history.field.plannedDate:Fecha prevista`,
  actualDate: $localize`:@@history.field.actualDate:Fecha real`,
  valueDate: $localize`:@@history.field.valueDate:Fecha`,
  signedOn: $localize`:@@history.field.signedOn:Fecha de firma`,
  role: $localize`:@@history.field.role:Papel`,
  type: $localize`:@@history.field.type:Tipo`,
  organisationId: $localize`:@@history.field.organisation:Organización`,
  url: $localize`:@@history.field.url:Enlace`,
  fileName: $localize`:@@history.field.fileName:Archivo`,
  target: $localize`:@@history.field.target:Meta`,
  actual: $localize`:@@history.field.actual:Valor alcanzado`,
  archivedAt: $localize`:@@history.field.archivedAt:Archivada`,
};

const ENTITY_LABELS: Record<string, string> = {
  action: $localize`:@@history.entity.action:la acción`,
  participation: $localize`:@@history.entity.participation:un socio`,
  instrument: $localize`:@@history.entity.instrument:un instrumento jurídico`,
  funding: $localize`:@@history.entity.funding:un registro de financiamiento`,
  milestone: $localize`:@@history.entity.milestone:un hito`,
  result: $localize`:@@history.entity.result:un resultado`,
  indicator: $localize`:@@history.entity.indicator:un indicador`,
  document: $localize`:@@history.entity.document:un documento`,
  action_stage: $localize`:@@history.entity.stage:una etapa de avance`,
  share_link: $localize`:@@history.entity.shareLink:un enlace compartido`,
};

const YES = $localize`:@@history.yes:Sí`;
const NO = $localize`:@@history.no:No`;
const EMPTY = '—';
const SHARE_LINK_ACTOR = $localize`:@@history.shareLinkActor:Enlace compartido`;
const SYSTEM_ACTOR = $localize`:@@history.system:Sistema`;

/** The label set of a coded field, which for `type` and `status` depends on the record. */
function codeLabels(entity: string, field: string): Record<string, string> | null {
  if (field === 'kind') return KIND_LABELS;
  if (field === 'modality') return MODALITY_LABELS;
  if (field === 'scheme') return SCHEME_LABELS;
  if (field === 'instituteRole') return INSTITUTE_ROLE_LABELS;
  if (field === 'role' && entity === 'participation') return PARTICIPATION_ROLE_LABELS;
  if (field === 'status') return entity === 'milestone' ? MILESTONE_STATUS_LABELS : STATUS_LABELS;
  if (field === 'type' && entity === 'funding') return FUNDING_TYPE_LABELS;
  if (field === 'type' && entity === 'milestone') return MILESTONE_TYPE_LABELS;
  if (field === 'type' && entity === 'instrument') return INSTRUMENT_TYPE_LABELS;
  return null;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A stored value as text: coded values by their label, booleans as Sí/No, lists joined. */
export function valueText(entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? YES : NO;
  const labels = codeLabels(entity, field);
  if (labels && typeof value === 'string') return labels[value] ?? value;
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : EMPTY;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Date and time (24 h) in Mexico City, whatever the browser's zone: "6 dic 2026, 15:30" / "Dec 6, 2026, 15:30". */
export function historyTime(at: string, locale: string): string {
  const english = locale.toLowerCase().startsWith('en');
  return new Intl.DateTimeFormat(english ? 'en-US' : 'es-MX', {
    timeZone: 'America/Mexico_City',
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  })
    .format(new Date(at))
    .replace(/([a-záéíóú]{3,4})\./gi, '$1');
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The record's own name, when it has one ("«Visita técnica»"). */
function recordName(entry: HistoryEntry): string {
  const r = { ...record(entry.before), ...record(entry.after) };
  const name = r['title'] ?? r['name'] ?? r['fileName'] ?? r['statement'];
  return typeof name === 'string' && name ? ` «${name}»` : '';
}

function who(entry: HistoryEntry): string {
  if (entry.actorName) return entry.actorName;
  if (entry.entity === 'share_link_use' || entry.actorEmail?.startsWith('share-link:'))
    return SHARE_LINK_ACTOR;
  return entry.actorEmail ?? SYSTEM_ACTOR;
}

function what(entry: HistoryEntry): string {
  const name = recordName(entry);
  if (entry.entity === 'share_link_use')
    return $localize`:@@history.event.shareLinkUse:Se usó el enlace compartido`;
  if (entry.entity === 'evidence') {
    const file = String(record(entry.after)['fileName'] ?? record(entry.before)['fileName'] ?? '');
    return entry.operation === 'delete'
      ? $localize`:@@history.event.evidenceDeleted:Se eliminó la evidencia «${file}:file:»`
      : $localize`:@@history.event.evidenceUploaded:Se subió «${file}:file:»`;
  }
  if (entry.entity === 'action') {
    switch (entry.operation) {
      case 'create':
        return $localize`:@@history.event.actionCreated:Se creó la acción`;
      case 'archive':
        return $localize`:@@history.event.actionArchived:Se archivó la acción`;
      case 'restore':
        return $localize`:@@history.event.actionRestored:Se restauró la acción`;
      case 'delete':
        return $localize`:@@history.event.actionDeleted:Se eliminó la acción`;
      default:
        return $localize`:@@history.event.actionUpdated:Se modificó la acción`;
    }
  }
  const thing = (ENTITY_LABELS[entry.entity] ?? entry.entity) + name;
  switch (entry.operation) {
    case 'create':
      return $localize`:@@history.event.partCreated:Se añadió ${thing}:thing:`;
    case 'delete':
      return $localize`:@@history.event.partDeleted:Se eliminó ${thing}:thing:`;
    default:
      return $localize`:@@history.event.partUpdated:Se modificó ${thing}:thing:`;
  }
}

/** Field changes of an update (creates, deletes and events read as one sentence). */
function changes(entry: HistoryEntry): HistoryChange[] {
  if (entry.operation !== 'update' || entry.entity === 'share_link_use') return [];
  const before = record(entry.before);
  const after = record(entry.after);
  return changedFields(before, after)
    .filter((f) => f !== 'id' && f !== 'actionId' && !f.endsWith('At') && f !== 'createdBy')
    .map((f) => ({
      field: fieldLabel(f),
      before: valueText(entry.entity, f, before[f]),
      after: valueText(entry.entity, f, after[f]),
    }));
}

export function describeHistory(entry: HistoryEntry, locale: string): HistoryLine {
  return {
    id: entry.id,
    who: who(entry),
    when: historyTime(entry.at, locale),
    what: what(entry),
    changes: changes(entry),
  };
}
