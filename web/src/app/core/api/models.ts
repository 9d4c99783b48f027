/**
 * API contracts. The shapes come from the types generated from the API's own OpenAPI document
 * (`npm run api:openapi` → openapi.json → api-types.ts; drift is checked by
 * `node tools/api-types-check.mjs`). This file only gives them stable names, keeps the value
 * lists the UI needs at run time (checked against the generated unions below) and, where the
 * document is looser than what the API sends, narrows it (see the notes inline). The document
 * marks every field the API always sends as required, `null` included (Swagger plugin metadata,
 * api/src/metadata.ts), so the generated types are the wire types.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Compile-time drift checks: a run-time list must equal the generated union. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export const ROLES = ['admin', 'staff', 'director', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const ACTION_KINDS = [
  'cooperation_project',
  'city_to_city',
  'network_membership',
  'award',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const INSTITUTE_ROLES = ['recipient', 'provider', 'both'] as const;
export type InstituteRole = (typeof INSTITUTE_ROLES)[number];

export const SCHEMES = [
  'bilateral',
  'multilateral',
  'triangular',
  'south_south',
  'decentralised',
] as const;
export type Scheme = (typeof SCHEMES)[number];

export const MODALITIES = [
  'technical',
  'financial',
  'educational_cultural',
  'humanitarian',
  'in_kind_donation',
  'prize',
  'other',
] as const;
export type Modality = (typeof MODALITIES)[number];

/** IATI ActivityStatus 1–6. */
export const ACTION_STATUSES = [
  'pipeline',
  'implementation',
  'finalisation',
  'closed',
  'cancelled',
  'suspended',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PARTICIPATION_ROLES = [
  'funding',
  'accountable',
  'extending',
  'implementing',
  'beneficiary',
  'counterpart',
  'reporting',
] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

export const INSTRUMENT_TYPES = ['agreement', 'mou', 'letter', 'contract'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

export const FUNDING_TYPES = [
  'ceiling',
  'commitment',
  'disbursement',
  'expenditure',
  'in_kind',
  'prize',
  'ceiling_superseded',
  'planned_disbursement',
  'incoming_funds',
  'incoming_commitment',
  'repayment',
  'other_flow',
] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const CURRENCIES = ['MXN', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const MILESTONE_TYPES = [
  'application',
  'selection_notice',
  'agreement_signed',
  'kickoff',
  'technical_visit',
  'meeting',
  'workshop',
  'study_delivered',
  'pilot',
  'launch',
  'closure',
  'other',
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];

export type MilestoneStatus = 'planned' | 'done' | 'late';
export type DatePrecision = 'day' | 'month' | 'year';

export const ORGANISATION_TYPES = [
  'multilateral',
  'bilateral_agency',
  'national_government',
  'subnational_government',
  'city_network',
  'ngo_foundation',
  'academia',
  'private',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export interface ApiErrorDetail {
  field: string;
  code: string;
  message: string;
}

/** The API's one error shape (`HttpExceptionFilter`); not a DTO in the OpenAPI document. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** Paged lists (`ActionPageDto`, `OrganisationPageDto`, …) share this shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ── drift checks for the run-time lists ─────────────────────────────────────
export type _Checks = [
  Assert<Equal<Role, Schemas['UserDto']['role']>>,
  Assert<Equal<ActionKind, Schemas['ActionSummaryDto']['kind']>>,
  Assert<Equal<InstituteRole, Schemas['ActionSummaryDto']['instituteRole']>>,
  Assert<Equal<Scheme, NonNullable<Schemas['ActionDetailDto']['scheme']>>>,
  Assert<Equal<Modality, NonNullable<Schemas['ActionSummaryDto']['modality']>>>,
  Assert<Equal<ActionStatus, NonNullable<Schemas['ActionSummaryDto']['status']>>>,
  Assert<Equal<ParticipationRole, Schemas['ParticipationDto']['role']>>,
  Assert<Equal<InstrumentType, Schemas['InstrumentDto']['type']>>,
  Assert<Equal<FundingType, Schemas['FundingDto']['type']>>,
  Assert<Equal<MilestoneType, Schemas['MilestoneDto']['type']>>,
  Assert<Equal<MilestoneStatus, Schemas['MilestoneDto']['status']>>,
  Assert<Equal<DatePrecision, Schemas['MilestoneDto']['datePrecision']>>,
  Assert<Equal<OrganisationType, Schemas['OrganisationDto']['type']>>,
];

// ── auth & users ───────────────────────────────────────────────────────────
export type SessionUser = Schemas['MeDto'];
export type SignInResponse = Simplify<Omit<Schemas['SessionDto'], 'user'> & { user: SessionUser }>;
export type User = Schemas['UserDto'];
export type CreatedUser = Schemas['CreatedUserDto'];
export type CreateUserRequest = Schemas['CreateUserDto'];
export type UpdateUserRequest = Schemas['UpdateUserDto'];

// ── exchange rates ─────────────────────────────────────────────────────────
export type ExchangeRate = Schemas['ExchangeRateDto'];
export type Theme = Schemas['ThemeDto'];
export type CreateThemeRequest = Schemas['CreateThemeDto'];
export type UpdateThemeRequest = Schemas['UpdateThemeDto'];
export type CreateExchangeRateRequest = Schemas['CreateExchangeRateDto'];
export type UpdateExchangeRateRequest = Schemas['UpdateExchangeRateDto'];
export type ImportReport = Schemas['ImportReportDto'];
export type ImportChange = Schemas['ImportChangeDto'];
export type ImportLineError = Schemas['ImportLineErrorDto'];

// ── organisations ──────────────────────────────────────────────────────────
export type Organisation = Schemas['OrganisationDto'];
/**
 * GET /organisations/:id. The document declares `OrganisationDto`; the response also carries
 * the organisation's actions, which the document does not describe yet.
 */
/** POST /organisations (the document types its nullable strings loosely, so spelled out here). */
export interface CreateOrganisationRequest {
  name: string;
  type: OrganisationType;
  acronym?: string;
  country?: string;
  iatiRef?: string;
  website?: string;
  notes?: string;
}
export type OrganisationDetail = Simplify<Organisation & { actions: ActionSummary[] }>;

// ── actions ────────────────────────────────────────────────────────────────
export type ActionPartner = Schemas['PartnerRefDto'];
export type ActionSummary = Schemas['ActionSummaryDto'];
export type Participation = Schemas['ParticipationDto'];

export type Instrument = Schemas['InstrumentDto'];

/** `FundingDto`, with `currency` narrowed to the reporting currencies (the document says `string`). */
export type Funding = Simplify<
  Omit<Schemas['FundingDto'], 'currency'> & { currency: Currency | null }
>;

export type Milestone = Schemas['MilestoneDto'];
export type Indicator = Schemas['IndicatorDto'];
export type Result = Schemas['ResultDto'];
export type ActionDocument = Schemas['DocumentDto'];
/** `EvidenceDto`: an evidence file's metadata (download at `downloadPath`). */
export type Evidence = Schemas['EvidenceDto'];

/** `ActionDetailDto`, with its funding narrowed as above. */
export type ActionDetail = Simplify<
  Omit<Schemas['ActionDetailDto'], 'funding' | 'notes'> & {
    funding: Funding[];
    /** Staff-only: left out of the response for partners. */
    notes?: string | null;
  }
>;

/** `HistoryEntryDto`; `before`/`after` are free-form snapshots (the document says `object`). */
export type HistoryEntry = Simplify<
  Omit<Schemas['HistoryEntryDto'], 'before' | 'after'> & { before: unknown; after: unknown }
>;

export type CreateActionRequest = Schemas['CreateActionDto'];
export type UpdateActionRequest = Schemas['UpdateActionDto'];
export type CreateParticipationRequest = Schemas['ParticipationInput'];
export type CreateFundingRequest = Schemas['FundingInput'];
export type CreateMilestoneRequest = Schemas['MilestoneInput'];

// ── dashboard ──────────────────────────────────────────────────────────────
/** `CountDto` (key null = not stated). */
export type KeyCount = Schemas['CountDto'];
/** `CurrencyAmountDto`: the sum in one original currency and its converted part. */
export type CurrencyAmount = Schemas['CurrencyAmountDto'];
/** `UnconvertedItemDto`: a money record left out of a total (GET /dashboard/unconverted). */
export type UnconvertedRecord = Schemas['UnconvertedItemDto'];
/** `UnconvertedPageDto`: one page of them. */
export type UnconvertedPage = Schemas['UnconvertedPageDto'];
/** `UnconvertedSumDto`: what a figure leaves out in one original currency, for one reason. */
export type UnconvertedSum = Schemas['UnconvertedSumDto'];
/** `RateSourcesDto`: GET /dashboard/rate-sources, the rates behind the converted figures. */
export type RateSources = Schemas['RateSourcesDto'];
/** `MoneyFigureDto`: one key figure (amounts are decimal strings). */
export type MoneyFigure = Schemas['MoneyFigureDto'];
export type MoneyFigures = Schemas['MoneyFiguresDto'];
/** `SummaryDto`, with `currency` narrowed to the reporting currencies. */
export type DashboardSummary = Simplify<
  Omit<Schemas['SummaryDto'], 'currency'> & { currency: Currency }
>;
/** `GroupDto`: one group of a GET /dashboard/by-* response. */
export type Group = Schemas['GroupDto'];
/** `GroupedDto`: GET /dashboard/by-{partner,partner-type,year,theme,sdg,municipality,status}. */
export type Grouped = Schemas['GroupedDto'];
/** `PartnerMoneyDto`: GET /dashboard/by-partner/:id, a partner's two money figures. */
export type PartnerMoney = Schemas['PartnerMoneyDto'];
/** `PartnerYearDto`: one year of both. */
export type PartnerYear = Schemas['PartnerYearDto'];
/** `PartnerTotalsDto`: both figures' four totals (partner list with a currency). */
export type PartnerTotals = Schemas['PartnerTotalsDto'];
/** `MilestoneItemDto`: an open milestone with its action. */
export type MilestoneItem = Schemas['MilestoneItemDto'];
/** `MilestonesDto`: GET /dashboard/milestones. */
export type DashboardMilestones = Schemas['MilestonesDto'];

// ── progress and board follow-up ───────────────────────────────────────────
export const PROGRESS_STAGES = [
  'planning',
  'programming',
  'budgeting',
  'execution',
  'evaluation',
] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];
export const SESSION_KINDS = ['ordinary', 'extraordinary'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const AGREEMENT_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export type _ProgressChecks = [
  Assert<Equal<ProgressStage, Schemas['StageInput']['stage']>>,
  Assert<Equal<SessionKind, Schemas['SessionInput']['kind']>>,
  Assert<Equal<AgreementStatus, Schemas['AgreementInput']['status']>>,
];

/** `ActionProgressDto`: percent, label in both languages and colour (in lists and the action). */
export type ActionProgress = Schemas['ActionProgressDto'];
export type ProgressScheme = Schemas['ProgressSchemeDto'];
export type ProgressLevel = Schemas['ProgressLevelDto'];
export type StageRequest = Schemas['StageInput'];
export type SessionRequest = Schemas['SessionInput'];
export type AgendaItemRequest = Schemas['AgendaItemInput'];
export type AgreementRequest = Schemas['AgreementInput'];
export type NoteRequest = Schemas['NoteInput'];

/** `ProgressFigureDto`: GET /actions/:id/progress (label in the request language). */
export type ProgressFigure = Schemas['ProgressFigureDto'];
/** `ProgressDistributionDto`: GET /dashboard/progress-distribution (every level, even empty). */
export type ProgressDistribution = Schemas['ProgressDistributionDto'];
/** `ActionStageDto`: a stage reached, with its evidence (GET/POST/PATCH /actions/:id/stages). */
export type ActionStage = Schemas['ActionStageDto'];
/**
 * `TemplateOutcomeDto`: POST /actions/:id/milestones/from-template. `created` holds the stored
 * milestones (`MilestoneRecordDto`), without the computed status and evidence count of `Milestone`.
 */
export type TemplateOutcome = Schemas['TemplateOutcomeDto'];

/** `BoardSessionDto`: GET /board-sessions, and the answer to a session's creation and update. */
export type BoardSession = Schemas['BoardSessionDto'];
/** `BoardAgendaItemDto`. */
export type AgendaItem = Schemas['BoardAgendaItemDto'];
/** `BoardAgreementNoteDto`: a follow-up note (the agreement's notes, and a new note). */
export type AgreementNote = Schemas['BoardAgreementNoteDto'];
/** `BoardLatestNoteDto`: the latest note, as listed with its agreement. */
export type LatestAgreementNote = Schemas['BoardLatestNoteDto'];
/** `BoardAgreementDto`: an agreement with its session's title and date and its latest note. */
export type Agreement = Schemas['BoardAgreementDto'];
/**
 * `BoardAgreementRecordDto`: the answer to an agreement's creation and update (the stored row:
 * no session title or date, no latest note).
 */
export type AgreementRecord = Schemas['BoardAgreementRecordDto'];
/** `BoardAgreementDetailDto`: GET /board-agreements/:id (every note, latest first). */
export type AgreementDetail = Schemas['BoardAgreementDetailDto'];
/** `BoardSessionDetailDto`: GET /board-sessions/:id. */
export type BoardSessionDetail = Schemas['BoardSessionDetailDto'];

/** `BoardReportChangeDto`: a row created, updated or deleted since the previous session. */
export type ReportChange = Schemas['BoardReportChangeDto'];
export type ReportChanges = Schemas['BoardReportChangesDto'];
/** `BoardReportDto`: GET /board-sessions/:id/report. */
export type BoardReport = Schemas['BoardReportDto'];

// --- Notifications -----------------------------------------------------------------------------
/** `NotificationDto`: an overdue or upcoming milestone the user follows. */
export type AppNotification = Schemas['NotificationDto'];
/** `NotificationsDto`: GET /notifications. */
export type Notifications = Schemas['NotificationsDto'];
/** `AssignableUserDto`: who can be responsible for an action. */
export type AssignableUser = Schemas['AssignableUserDto'];
