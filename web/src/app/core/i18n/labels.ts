import type {
  ActionKind,
  ActionStatus,
  FundingType,
  InstituteRole,
  InstrumentType,
  MilestoneStatus,
  MilestoneType,
  Modality,
  OrganisationType,
  ParticipationRole,
  Role,
  Scheme,
} from '../api/models';

export const ROLE_LABELS: Record<Role, string> = {
  admin: $localize`:@@role.admin:Administración`,
  staff: $localize`:@@role.staff:Personal técnico`,
  director: $localize`:@@role.director:Dirección`,
  partner: $localize`:@@role.partner:Socio`,
};

export const KIND_LABELS: Record<ActionKind, string> = {
  cooperation_project: $localize`:@@kind.cooperation_project:Proyecto de cooperación`,
  city_to_city: $localize`:@@kind.city_to_city:Cooperación ciudad–ciudad`,
  network_membership: $localize`:@@kind.network_membership:Red o alianza`,
  award: $localize`:@@kind.award:Premio o reconocimiento`,
};

export const STATUS_LABELS: Record<ActionStatus, string> = {
  pipeline: $localize`:@@status.pipeline:En preparación`,
  implementation: $localize`:@@status.implementation:En ejecución`,
  finalisation: $localize`:@@status.finalisation:En cierre`,
  closed: $localize`:@@status.closed:Concluida`,
  cancelled: $localize`:@@status.cancelled:Cancelada`,
  suspended: $localize`:@@status.suspended:Suspendida`,
};
export const NO_DATA = $localize`:@@common.noData:Sin dato`;

export const INSTITUTE_ROLE_LABELS: Record<InstituteRole, string> = {
  recipient: $localize`:@@instituteRole.recipient:Receptor`,
  provider: $localize`:@@instituteRole.provider:Oferente`,
  both: $localize`:@@instituteRole.both:Oferente y receptor`,
};

export const SCHEME_LABELS: Record<Scheme, string> = {
  bilateral: $localize`:@@scheme.bilateral:Bilateral`,
  multilateral: $localize`:@@scheme.multilateral:Multilateral`,
  triangular: $localize`:@@scheme.triangular:Triangular`,
  south_south: $localize`:@@scheme.south_south:Sur–Sur`,
  decentralised: $localize`:@@scheme.decentralised:Descentralizada`,
};

export const MODALITY_LABELS: Record<Modality, string> = {
  technical: $localize`:@@modality.technical:Técnica`,
  financial: $localize`:@@modality.financial:Financiera`,
  educational_cultural: $localize`:@@modality.educational_cultural:Educativa y cultural`,
  humanitarian: $localize`:@@modality.humanitarian:Ayuda humanitaria`,
  in_kind_donation: $localize`:@@modality.in_kind_donation:Donación en especie`,
  prize: $localize`:@@modality.prize:Premio`,
  other: $localize`:@@modality.other:Otra`,
};

export const PARTICIPATION_ROLE_LABELS: Record<ParticipationRole, string> = {
  funding: $localize`:@@participationRole.funding:Financiador`,
  accountable: $localize`:@@participationRole.accountable:Responsable`,
  extending: $localize`:@@participationRole.extending:Gestor`,
  implementing: $localize`:@@participationRole.implementing:Implementador`,
  beneficiary: $localize`:@@participationRole.beneficiary:Beneficiario`,
  counterpart: $localize`:@@participationRole.counterpart:Contraparte`,
  reporting: $localize`:@@participationRole.reporting:Informante IATI`,
};

export const INSTRUMENT_TYPE_LABELS: Record<InstrumentType, string> = {
  agreement: $localize`:@@instrumentType.agreement:Convenio`,
  mou: $localize`:@@instrumentType.mou:Memorándum de entendimiento`,
  letter: $localize`:@@instrumentType.letter:Carta`,
  contract: $localize`:@@instrumentType.contract:Contrato`,
};

export const FUNDING_TYPE_LABELS: Record<FundingType, string> = {
  ceiling: $localize`:@@fundingType.ceiling:Techo (hasta)`,
  commitment: $localize`:@@fundingType.commitment:Comprometido`,
  disbursement: $localize`:@@fundingType.disbursement:Desembolsado`,
  expenditure: $localize`:@@fundingType.expenditure:Ejercido`,
  in_kind: $localize`:@@fundingType.in_kind:En especie`,
  prize: $localize`:@@fundingType.prize:Premio`,
  ceiling_superseded: $localize`:@@fundingType.ceiling_superseded:Presupuesto original (sustituido)`,
  planned_disbursement: $localize`:@@fundingType.planned_disbursement:Desembolso planeado`,
  incoming_funds: $localize`:@@fundingType.incoming_funds:Fondos recibidos`,
  incoming_commitment: $localize`:@@fundingType.incoming_commitment:Compromiso recibido`,
  repayment: $localize`:@@fundingType.repayment:Reembolso de préstamo o intereses`,
  other_flow: $localize`:@@fundingType.other_flow:Otro flujo IATI`,
};

export const MILESTONE_TYPE_LABELS: Record<MilestoneType, string> = {
  application: $localize`:@@milestoneType.application:Postulación`,
  selection_notice: $localize`:@@milestoneType.selection_notice:Notificación de selección`,
  agreement_signed: $localize`:@@milestoneType.agreement_signed:Firma de instrumento`,
  kickoff: $localize`:@@milestoneType.kickoff:Arranque`,
  technical_visit: $localize`:@@milestoneType.technical_visit:Visita técnica`,
  meeting: $localize`:@@milestoneType.meeting:Reunión`,
  workshop: $localize`:@@milestoneType.workshop:Taller`,
  study_delivered: $localize`:@@milestoneType.study_delivered:Entrega de estudio`,
  pilot: $localize`:@@milestoneType.pilot:Piloto`,
  launch: $localize`:@@milestoneType.launch:Lanzamiento`,
  closure: $localize`:@@milestoneType.closure:Cierre`,
  other: $localize`:@@milestoneType.other:Otro`,
};

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  planned: $localize`:@@milestoneStatus.planned:Programado`,
  done: $localize`:@@milestoneStatus.done:Realizado`,
  late: $localize`:@@milestoneStatus.late:Atrasado`,
};

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  multilateral: $localize`:@@orgType.multilateral:Organismo multilateral`,
  bilateral_agency: $localize`:@@orgType.bilateral_agency:Agencia bilateral`,
  national_government: $localize`:@@orgType.national_government:Gobierno nacional`,
  subnational_government: $localize`:@@orgType.subnational_government:Gobierno subnacional`,
  city_network: $localize`:@@orgType.city_network:Red de ciudades`,
  ngo_foundation: $localize`:@@orgType.ngo_foundation:ONG o fundación`,
  academia: $localize`:@@orgType.academia:Academia`,
  private: $localize`:@@orgType.private:Sector privado`,
  other: $localize`:@@orgType.other:Otro`,
};

/** Label for a vocabulary value; unknown values (new API codes) show as they are. */
export function labelOf<K extends string>(
  labels: Record<K, string>,
  key: string | null | undefined,
): string {
  if (key === null || key === undefined) return NO_DATA;
  return (labels as Record<string, string>)[key] ?? key;
}
