import type { ActionKind, MilestoneType } from '../actions/action.model';

export interface TemplateStep {
  type: MilestoneType;
  title: string;
  /** Months after the start date. */
  months: number;
}

/** The planned lifecycle of each kind of action (titles in Spanish). */
export const MILESTONE_TEMPLATES: Record<ActionKind, TemplateStep[]> = {
  cooperation_project: [
    { type: 'application', title: 'Postulación a la convocatoria', months: 0 },
    { type: 'selection_notice', title: 'Notificación de selección', months: 2 },
    { type: 'agreement_signed', title: 'Firma del convenio', months: 4 },
    { type: 'kickoff', title: 'Reunión de arranque', months: 5 },
    { type: 'study_delivered', title: 'Entrega del estudio', months: 12 },
    { type: 'pilot', title: 'Implementación del piloto', months: 15 },
    { type: 'closure', title: 'Cierre del proyecto', months: 18 },
  ],
  city_to_city: [
    { type: 'agreement_signed', title: 'Firma del memorándum de entendimiento', months: 0 },
    { type: 'technical_visit', title: 'Visita técnica', months: 3 },
    { type: 'workshop', title: 'Taller de intercambio', months: 6 },
    { type: 'closure', title: 'Cierre de la cooperación', months: 12 },
  ],
  network_membership: [
    { type: 'agreement_signed', title: 'Firma de la adhesión a la red', months: 0 },
    { type: 'workshop', title: 'Taller de la red', months: 6 },
  ],
  award: [
    { type: 'application', title: 'Postulación al premio', months: 0 },
    { type: 'selection_notice', title: 'Anuncio de resultados', months: 3 },
  ],
};

/** `date` (YYYY-MM-DD) plus `months`, clamped to the end of the month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
