import type { AgreementStatus, ProgressStage, SessionKind } from '../api/models';

/** The five stages of IMPLAN Guanajuato's evaluation method (their weights are a setting). */
export const STAGE_LABELS: Record<ProgressStage, string> = {
  planning: $localize`:@@stage.planning:Planeación`,
  programming: $localize`:@@stage.programming:Programación`,
  budgeting: $localize`:@@stage.budgeting:Presupuestación`,
  execution: $localize`:@@stage.execution:Ejecución`,
  evaluation: $localize`:@@stage.evaluation:Evaluación`,
};

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  ordinary: $localize`:@@sessionKind.ordinary:Ordinaria`,
  extraordinary: $localize`:@@sessionKind.extraordinary:Extraordinaria`,
};

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  open: $localize`:@@agreementStatus.open:Abierto`,
  in_progress: $localize`:@@agreementStatus.in_progress:En proceso`,
  done: $localize`:@@agreementStatus.done:Cumplido`,
  cancelled: $localize`:@@agreementStatus.cancelled:Cancelado`,
};
