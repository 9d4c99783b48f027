import type {
  ActionKind,
  ActionStatus,
  FundingType,
  InstituteRole,
  InstrumentType,
  MilestoneStatus,
  MilestoneType,
  Modality,
  ParticipationRole,
  Scheme,
} from '../actions/action.model';
import type { Role } from '../auth/access.decorator';
import type { AgreementStatus, SessionKind } from '../board/board.entities';
import type { OrganisationType } from '../organisations/organisation.entity';
import type { ProgressStage } from '../progress/progress.model';

/** The languages of the app, the documents and the e-mails. */
export type Lang = 'es' | 'en';
export interface Label {
  es: string;
  en: string;
}
type Labels<K extends string> = Record<K, Label>;

/**
 * One vocabulary: the es-MX and en label of every coded value. The PDFs, spreadsheets, e-mails and
 * the benchmark's generator read it here; the web app's `$localize` labels (core/i18n/labels.ts,
 * progress-labels.ts and their English translations) must say the same, which vocabulary.spec.ts
 * checks, so a label is changed here and there in the same commit.
 */
export const VOCABULARY = {
  role: {
    admin: { es: 'Administración', en: 'Administrator' },
    staff: { es: 'Personal técnico', en: 'Staff' },
    director: { es: 'Dirección', en: 'Director' },
    partner: { es: 'Socio', en: 'Partner' },
  } satisfies Labels<Role>,
  kind: {
    cooperation_project: { es: 'Proyecto de cooperación', en: 'Cooperation project' },
    city_to_city: { es: 'Cooperación ciudad–ciudad', en: 'City-to-city cooperation' },
    network_membership: { es: 'Red o alianza', en: 'Network or alliance' },
    award: { es: 'Premio o reconocimiento', en: 'Award or recognition' },
  } satisfies Labels<ActionKind>,
  status: {
    pipeline: { es: 'En preparación', en: 'Pipeline' },
    implementation: { es: 'En ejecución', en: 'Implementation' },
    finalisation: { es: 'En cierre', en: 'Finalisation' },
    closed: { es: 'Concluida', en: 'Closed' },
    cancelled: { es: 'Cancelada', en: 'Cancelled' },
    suspended: { es: 'Suspendida', en: 'Suspended' },
  } satisfies Labels<ActionStatus>,
  instituteRole: {
    recipient: { es: 'Receptor', en: 'Recipient' },
    provider: { es: 'Oferente', en: 'Provider' },
    both: { es: 'Oferente y receptor', en: 'Provider and recipient' },
  } satisfies Labels<InstituteRole>,
  scheme: {
    bilateral: { es: 'Bilateral', en: 'Bilateral' },
    multilateral: { es: 'Multilateral', en: 'Multilateral' },
    triangular: { es: 'Triangular', en: 'Triangular' },
    south_south: { es: 'Sur–Sur', en: 'South–South' },
    decentralised: { es: 'Descentralizada', en: 'Decentralised' },
  } satisfies Labels<Scheme>,
  modality: {
    technical: { es: 'Técnica', en: 'Technical' },
    financial: { es: 'Financiera', en: 'Financial' },
    educational_cultural: { es: 'Educativa y cultural', en: 'Educational and cultural' },
    humanitarian: { es: 'Ayuda humanitaria', en: 'Humanitarian aid' },
    in_kind_donation: { es: 'Donación en especie', en: 'In-kind donation' },
    prize: { es: 'Premio', en: 'Prize' },
    other: { es: 'Otra', en: 'Other' },
  } satisfies Labels<Modality>,
  participationRole: {
    funding: { es: 'Financiador', en: 'Funding' },
    accountable: { es: 'Responsable', en: 'Accountable' },
    extending: { es: 'Gestor', en: 'Extending' },
    implementing: { es: 'Implementador', en: 'Implementing' },
    beneficiary: { es: 'Beneficiario', en: 'Beneficiary' },
    counterpart: { es: 'Contraparte', en: 'Counterpart' },
    reporting: { es: 'Informante IATI', en: 'IATI reporting organisation' },
  } satisfies Labels<ParticipationRole>,
  instrumentType: {
    agreement: { es: 'Convenio', en: 'Agreement' },
    mou: { es: 'Memorándum de entendimiento', en: 'Memorandum of understanding' },
    letter: { es: 'Carta', en: 'Letter' },
    contract: { es: 'Contrato', en: 'Contract' },
  } satisfies Labels<InstrumentType>,
  fundingType: {
    ceiling: { es: 'Techo (hasta)', en: 'Ceiling (up to)' },
    commitment: { es: 'Comprometido', en: 'Committed' },
    disbursement: { es: 'Desembolsado', en: 'Disbursed' },
    expenditure: { es: 'Ejercido', en: 'Executed' },
    in_kind: { es: 'En especie', en: 'In kind' },
    prize: { es: 'Premio', en: 'Prize' },
    ceiling_superseded: {
      es: 'Presupuesto original (sustituido)',
      en: 'Original budget (superseded)',
    },
    planned_disbursement: { es: 'Desembolso planeado', en: 'Planned disbursement' },
    incoming_funds: { es: 'Fondos recibidos', en: 'Incoming funds' },
    incoming_commitment: { es: 'Compromiso recibido', en: 'Incoming commitment' },
    repayment: { es: 'Reembolso de préstamo o intereses', en: 'Loan or interest repayment' },
    other_flow: { es: 'Otro flujo IATI', en: 'Other IATI flow' },
  } satisfies Labels<FundingType>,
  milestoneType: {
    application: { es: 'Postulación', en: 'Application' },
    selection_notice: { es: 'Notificación de selección', en: 'Selection notice' },
    agreement_signed: { es: 'Firma de instrumento', en: 'Instrument signed' },
    kickoff: { es: 'Arranque', en: 'Kick-off' },
    technical_visit: { es: 'Visita técnica', en: 'Technical visit' },
    meeting: { es: 'Reunión', en: 'Meeting' },
    workshop: { es: 'Taller', en: 'Workshop' },
    study_delivered: { es: 'Entrega de estudio', en: 'Study delivered' },
    pilot: { es: 'Piloto', en: 'Pilot' },
    launch: { es: 'Lanzamiento', en: 'Launch' },
    closure: { es: 'Cierre', en: 'Closure' },
    other: { es: 'Otro', en: 'Other' },
  } satisfies Labels<MilestoneType>,
  milestoneStatus: {
    planned: { es: 'Programado', en: 'Planned' },
    done: { es: 'Realizado', en: 'Done' },
    late: { es: 'Atrasado', en: 'Late' },
  } satisfies Labels<MilestoneStatus>,
  organisationType: {
    multilateral: { es: 'Organismo multilateral', en: 'Multilateral organisation' },
    bilateral_agency: { es: 'Agencia bilateral', en: 'Bilateral agency' },
    national_government: { es: 'Gobierno nacional', en: 'National government' },
    subnational_government: { es: 'Gobierno subnacional', en: 'Subnational government' },
    city_network: { es: 'Red de ciudades', en: 'City network' },
    ngo_foundation: { es: 'ONG o fundación', en: 'NGO or foundation' },
    academia: { es: 'Academia', en: 'Academia' },
    private: { es: 'Sector privado', en: 'Private sector' },
    other: { es: 'Otro', en: 'Other' },
  } satisfies Labels<OrganisationType>,
  progressStage: {
    planning: { es: 'Planeación', en: 'Planning' },
    programming: { es: 'Programación', en: 'Programming' },
    budgeting: { es: 'Presupuestación', en: 'Budgeting' },
    execution: { es: 'Ejecución', en: 'Execution' },
    evaluation: { es: 'Evaluación', en: 'Evaluation' },
  } satisfies Labels<ProgressStage>,
  sessionKind: {
    ordinary: { es: 'Ordinaria', en: 'Ordinary' },
    extraordinary: { es: 'Extraordinaria', en: 'Extraordinary' },
  } satisfies Labels<SessionKind>,
  agreementStatus: {
    open: { es: 'Abierto', en: 'Open' },
    in_progress: { es: 'En proceso', en: 'In progress' },
    done: { es: 'Cumplido', en: 'Done' },
    cancelled: { es: 'Cancelado', en: 'Cancelled' },
  } satisfies Labels<AgreementStatus>,
} as const;

export type VocabularyGroup = keyof typeof VOCABULARY;

/** The `@@id` prefix of each group's labels in the web app (`@@kind.award`). */
export const WEB_ID_PREFIX: Record<VocabularyGroup, string> = {
  role: 'role',
  kind: 'kind',
  status: 'status',
  instituteRole: 'instituteRole',
  scheme: 'scheme',
  modality: 'modality',
  participationRole: 'participationRole',
  instrumentType: 'instrumentType',
  fundingType: 'fundingType',
  milestoneType: 'milestoneType',
  milestoneStatus: 'milestoneStatus',
  organisationType: 'orgType',
  progressStage: 'stage',
  sessionKind: 'sessionKind',
  agreementStatus: 'agreementStatus',
};

/** The codes of a group, in the order people see them. */
export const codesOf = <G extends VocabularyGroup>(group: G) =>
  Object.keys(VOCABULARY[group]) as (keyof (typeof VOCABULARY)[G] & string)[];

/** The label of a code in a language; an unknown code (data older than the list) shows as is. */
export function labelOf(
  group: VocabularyGroup,
  code: string | null | undefined,
  lang: Lang,
): string {
  if (code === null || code === undefined || code === '') return '';
  const entry = (VOCABULARY[group] as Record<string, Label>)[code];
  return entry ? entry[lang] : code;
}

// Themes are a managed list (table `themes`, api/src/themes/): labels come from the database.
